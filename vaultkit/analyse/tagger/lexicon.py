"""Word lists behind the cues. vaultkit's own lists, written from the cue categories of the tagging
guidelines; the fitted model decides how much each one counts."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Base-form verbs that open an imperative ("Keep …", "Write …"). Ambiguous noun/verb words are fine:
# the mood check also requires that the next word is not a third-person verb ("Work expands …").
IMPERATIVE_VERBS = _words("""
accept acknowledge act add ask adjust admit aim allocate allow answer apply argue ask assign assume
avoid back be bear believe bind blind break bring bluff build buy calculate call carry castle change
check choose clean clear come compare confirm connect consider cook count cut decide declutter defer
delegate delete describe design discuss distinguish do document drink drop eat engage establish
estimate examine expect explain express extend favour favor feed fill find finish fix flip floss
follow forgive gather generate get give go have hold imagine implement install judge keep kill lay lead learn leave let
limit listen live lock look make measure meet mix move name note notice offer own pay pick pin plan
play practise practice praise prefer prepare preregister put question randomise randomize read
rebalance reconsider record reduce refactor register release remove reopen replace replicate rest
restart restrict review revise rotate run salt sample save say see seek send separate serve set share show
sign sleep solve speak spend split spot-check start state stay step stop store strive stretch study
suppose surprise take talk taste teach tell test think throw tighten track treat trust try tune turn
use validate value vary verify wait walk wash watch water wear weigh work write
""")

# Nouns that also read as verbs when a sentence starts with them; with a following verb they are
# subjects ("Work expands", "Light bends"), which the mood check handles.
BE_FORMS = _words("is are was were be been being am")

DEONTIC_MODALS = ("should", "ought", "must", "need to", "needs to", "have to", "has to")

EVALUATIVE_PHRASES = (
    "is the best policy", "the best way", "is wise", "it is wise", "it is right", "it is wrong",
    "it is rude", "it is good", "is the fitting", "is the right", "is a duty", "is a virtue",
    "is the habit of", "desire to", "is worth", "above all",
)

DIRECTIVE_VERBS = _words("prefer avoid beware never always don't do")

VIRTUE_WORDS = _words("""
honesty courage temperance justice humility kindness patience integrity gratitude fairness
diligence curiosity forgiveness prudence generosity tolerance responsibility compassion wisdom
loyalty modesty charity goodwill virtue virtues value values rightly moral morally ethical duty
""")

# Nouns of general reasoning: a statement built on them applies to any agent, belief or choice.
ABSTRACT_NOUNS = _words("""
evidence belief beliefs hypothesis hypotheses theory claim claims argument arguments decision
decisions choice choices option options agent agents goal goals system systems model models
probability probabilities event events outcome outcomes information proposition propositions
truth mind preferences utility action actions problem problems plan plans idea ideas assumption
assumptions confidence uncertainty world expectation expectations reason cause causes effect
effects function functions process variable variables observation observations
error errors mistake mistakes signal noise measure measures metric metrics target targets incentive
incentives feedback competition competitor competitors network networks population populations
sample samples filter selection trend trends estimate estimates risk risks reasons view views
message messages copy copies signal change changes structure pattern patterns rule rules
""")

MATH_WORDS = _words("""
number numbers prime primes integer integers triangle sum sums even odd equals equal square
squares theorem proof axiom axioms set sets function variance expected correlation entropy
probability probabilities zero one
root roots ratio ratios fraction fractions whole digit digits map maps plane point points circle
circles line lines angle angles polygon continuous infinite finite parity graph graphs vertex
vertices edge edges sequence sequences average mean median distribution proportion percent half
twice double count chance chances random coin coins
""")

UNRESTRICTED_QUANTIFIERS = ("any", "every", "all", "no", "each", "whatever", "everyone", "anything")

# Domains: naming one makes a principle situational (it does not apply outside it).
DOMAINS: dict[str, frozenset[str]] = {
    "software": _words("""code codebase program programs software commit commits bug bugs test tests
        api module modules server servers production deploy deployed dependency dependencies sql
        query queries crypto cryptographic compiler refactor developer engineers engineer repository
        logs backup backups password passwords computer laptop email inbox floating"""),
    "security": _words("security phishing attacker authentication encryption cryptosystem key firearm muzzle lock bicycle"),
    "finance": _words("""money savings invest investing investment portfolio fund funds index paycheck
        expenses cash lend loan loans interest price prices inflation market markets stock stocks
        salary contract card statements startups budget"""),
    "health": _words("""diet eat eating food foods meal meals dessert sweets plants sugar calories
        sleep sleeping exercise smoking smokers alcohol drinking cancer disease mortality depression
        sunburn skin mood weight heart teeth floss stretch"""),
    "medicine": _words("""patient patients drug drugs dose doses medication medications prescribing
        clinical trial symptoms antibiotics placebo scans vaccine immune blood haemoglobin sterile
        surgery hospital doctor doctors nurse diagnosis treatment"""),
    "sports": _words("""training workout workouts run runs running mileage tennis football basketball
        serve ball athletes players player shots coach race rest"""),
    "games": _words("chess poker bishop castle gambit openings opening bluff card deck dice"),
    "chemistry": _words("chemical acid acids litmus solution solutions gas gases noble compounds equilibrium vapour mole reaction baking"),
    "physics_regime": _words("""spring pendulum conductor current voltage fluid flow streamline
        superconductor water ice air gas pressure temperature light media medium sound metal steel
        rail beam beams circuit capacitor planet orbit particle atom radioactive quantum"""),
    "biology": _words("dna cell cells mammals organism organisms mutation mutations species gene genes population"),
    "cooking": _words("cook cooking roast dish sauce sauces pasta meat seasoning carving kitchen recipe"),
    "work": _words("""manager managers team teams employee employees report reports organisation
        organisations company companies project projects hierarchy meeting meetings workers job
        jobs career memo business staff desk office colleague colleagues""" ),
    "education": _words("student students class classes quiz study teacher school lesson flashcards exam"),
    "driving": _words("car cars drive driving driver lanes road traffic crash crashes"),
    "outdoors": _words("hike hiking wilderness forecast weather trail camping seedlings garden vegetable beds crops"),
    "household": _words("bed bedroom clothes shoes door phone phones screens parents partner children kids gift"),
    "writing": _words("prose draft drafts sentences adverbs writing essay"),
    "music": _words("guitar passage piano note tempo"),
    "negotiation": _words("negotiation offer offers negotiate bargaining"),
    "law": _words("court accused guilty innocent legal"),
    "science_practice": _words("hypotheses participants replicate replication preregister experiment assessors"),
    # Broad fields of concrete things and human activities, written as general vocabulary rather
    # than from any labelled row: a word of any of them names a domain a principle is bound to.
    "animals": _words("""dog dogs puppy cat cats horse horses cow cattle sheep pig chicken hen bird birds
        fish bee bees ant ants insect insects wolf wolves pet pets livestock herd flock rat rats mouse
        mice monkey monkeys predator prey"""),
    "plants": _words("""plant houseplant houseplants tree trees seed seeds soil compost leaf leaves root
        roots flower flowers lawn weed weeds fruit harvest watering pruning orchard"""),
    "body": _words("""body muscle muscles bone bones brain skin eye eyes ear ears tooth hair hand hands
        foot feet knee back spine stomach blood lungs breath breathing fever injury wound pain
        hunger thirst nap caffeine coffee jet lag"""),
    "crafts": _words("""clay kiln pottery wheel glaze wood woodwork saw chisel drill nail nails screw
        screws glue paint painting brush canvas knitting sewing yarn fabric thread needle welding
        solder sanding"""),
    "photography": _words("camera cameras lens lenses photo photos photograph exposure shutter tripod"),
    "materials": _words("""iron cast concrete glass plastic rubber copper aluminium wood timber brick stone
        ceramic alloy rust corrosion"""),
    "astronomy": _words("""moon sun earth star stars planets comet galaxy telescope eclipse tide tides
        asteroid satellite"""),
    "transport": _words("""flight flights flying plane airline airport train trains bus ship boat sailing
        bike cycling traveller travellers travel luggage passport"""),
    "commerce": _words("""shop shops shopper shoppers store stores customer customers product products
        sale sales discount retail brand advertising advert advertisers seller sellers buyer buyers
        restaurant restaurants menu waiter tip"""),
    "survey": _words("survey surveys respondent respondents interviewer interview questionnaire poll polls"),
    "sport_general": _words("""team season seasons league goalkeeper penalty penalties match matches
        referee stadium swim swimming climb climbing climber ski skiing golf cricket boxing marathon"""),
    "home": _words("""house houses home kitchen laundry dishes fridge oven stove heating garden
        neighbour neighbours rent landlord furniture"""),
    "media": _words("""newspaper newspapers headline headlines journalist journalists television tv radio
        podcast film films movie movies book books novel readers audience"""),
    "politics": _words("""election elections vote voters candidate candidates parliament government
        minister party parties campaign policy tax taxes"""),
}

# Subjects that make a principle about humans in particular (psychology, society, physiology).
HUMAN_SUBJECTS = _words("""
people person persons someone humans human men women children students patients workers employees
smokers experts players drivers users customers voters investors gamblers group groups individuals
we
adults adult babies infants toddlers teenagers parents mothers fathers friends strangers neighbours
consumers shoppers buyers sellers travellers tourists readers viewers listeners audiences
respondents volunteers learners beginners novices athletes runners teachers doctors nurses
managers bosses leaders citizens residents spouses couples
""")

# Restrictive modifiers: the principle holds only in a regime.
RESTRICTIVE_PHRASES = (
    "for small", "at constant", "in an ideal", "in a steady", "under ordinary", "at sea-level",
    "below its", "above its", "in steady state", "in temperate", "under common",
    "in binary", "for most", "in a hierarchy", "in a negotiation", "in chess", "in poker", "in tennis",
    "in football", "as a manager", "as a beginner", "in a clinical",
    "on a long", "on a multi-day", "in a business", "in a salary", "when tuning", "when starting",
    "when editing",
)

HABIT_FREQUENCIES = (
    "every night", "every morning", "every evening", "every day", "every week", "every month",
    "every sunday", "every monday", "every tuesday", "every friday", "every saturday",
    "each morning", "each evening", "each night", "each week", "each month", "every meal",
    "each meal", "before bed", "before breakfast", "before every", "before each", "after every",
    "after each", "every run", "every session", "every paycheck", "every commit", "most days",
    "most nights", "most evenings", "most weeks", "most years", "the same time", "as soon as you get up",
    "within a day", "once a week", "twice a week", "at night",
)

# Frequency and proportion hedges (toward stochastic).
FREQUENCY_HEDGES = _words("""
usually often typically generally mostly frequently commonly seldom rarely sometimes occasionally
roughly approximately about nearly almost largely partly somewhat slightly more-often
""")
HEDGE_PHRASES = (
    "tend to", "tends to", "tended to", "on average", "in most cases", "most of the time",
    "more often", "far more", "more likely", "less likely", "is likely", "are likely", "likely to",
    "probably", "the risk", "raises the risk", "risk of", "the odds", "a chance", "chance of",
    "now and then", "every so often", "from time to time", "once in a while", "at times", "in nearly",
    "nearly always", "almost always", "almost any", "except", "exceptions", "exception",
    "the rare", "a few", "many", "most", "percent", "%", "is associated", "are associated",
    "a large share", "a small probability", "fairly often", "more common", "may", "might",
    "every few", "whenever you feel", "at increasing",
)
RANDOMNESS_PHRASES = (
    "at random", "randomly", "random", "with equal probability", "lottery", "flip a coin",
    "draw lots", "drawing lots", "unpredictable", "at unpredictable", "vary ", "unannounced",
    "with fixed probabilities", "randomise", "randomize",
)

ABSOLUTE_WORDS = _words("always never every all no none cannot nothing whatsoever exactly only any each")
MATH_RELATIONS = (
    "equals", "equal to", "is proportional", "are proportional", "proportional to", "never exceeds",
    "sum to", "sums to", "lies between", "never decreases", "never changes", "stays constant",
    "is inversely", "inversely proportional", "is limited by", "is bounded",
)

# Name suffixes: weak hints from a principle's title.
DESCRIPTIVE_NAME_SUFFIXES = ("law", "effect", "bias", "fallacy", "theorem", "paradox", "heuristic",
                             "thesis", "error", "inequality", "hypothesis", "principle", "number")
NORMATIVE_NAME_SUFFIXES = ("rule", "razor", "policy", "practice", "habit", "method")
BIAS_NAME_SUFFIXES = ("bias", "effect", "fallacy", "heuristic", "error", "adaptation", "aversion",
                      "discounting", "neglect", "insensitivity", "ignorance", "proof")

# Openers to strip before the mood check ("Occasionally, do X" is still an imperative).
OPENER_WORDS = _words("""
when whenever if in on at for before after once as every each now occasionally sometimes usually
often mostly typically generally from given with under above below during until unless while most
""")
