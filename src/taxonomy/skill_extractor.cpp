#include "taxonomy/skill_extractor.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/ascii.h"
#include "taxonomy/text_tokens.h"

namespace gigscout {
namespace {

using text_tokens::Token;
using text_tokens::Tokens;

constexpr std::uint32_t kNoGroup = 0x7FFFFFFFu;

// Words before a field of study: "a degree in data science" names a qualification, not a skill
// the job asks for. A match is dropped when one of these ends right before it, or before a list
// it belongs to ("degree in computer science, statistics or mathematics").
constexpr std::string_view kStudyPrefixes[] = {
    "degree in",
    "degrees in",
    "bachelor in",
    "bachelor's in",
    "bachelors in",
    "master in",
    "master's in",
    "masters in",
    "phd in",
    "ph . d . in",
    "ph . d in",
    "b . s . in",
    "m . s . in",
    "m . s in",
    "doctorate in",
    "bsc in",
    "msc in",
    "b . sc . in",
    "m . sc . in",
    "ba in",
    "bs in",
    "ms in",
    "diploma in",
    "major in",
    "majoring in",
    "graduated in",
    "studies in",
    "studying",
    "degree ( s ) in",
    "coursework in",
    "course work in",
    "degree or higher in",
    "degree or above in",
    "degree or equivalent in",
    "degree or more in",
    "bachelors or more in",
    "bachelor's or more in",
    "bachelor or more in",
    "bachelor's program in",
    "bachelors program in",
    "master's program in",
    "masters program in",
    "degree program in",
    "graduate program in",
    "undergraduate program in",
    "phd program in",
    "doctoral program in",
    "degree with a focus in",
    "degree with a focus on",
    "degree with a concentration in",
    "concentration in",
    "level courses in",
    "completed courses in",
    "area of study :",
    "areas of study :",
    "field of study :",
    "fields of study :",
};
// Fields of study named as examples ("a quantitative subject such as Economics/Mathematics",
// "a degree in a relevant field (e.g., Data Science, Statistics)"): matched like a study prefix.
constexpr std::string_view kStudyExamplePrefixes[] = {"subject such as",
                                                      "subjects such as",
                                                      "discipline such as",
                                                      "disciplines such as",
                                                      "discipline (e.g.",
                                                      "disciplines (e.g.",
                                                      "discipline (eg.",
                                                      "disciplines (eg.",
                                                      "quantitative field (e.g.",
                                                      "quantitative fields (e.g.",
                                                      "quantitative field (eg.",
                                                      "quantitative fields (eg.",
                                                      "quantitative field (",
                                                      "quantitative fields (",
                                                      "quantitative discipline (",
                                                      "quantitative disciplines (",
                                                      "quantitative field such as",
                                                      "quantitative fields such as",
                                                      "quantitative discipline :",
                                                      "quantitative disciplines :",
                                                      "quantitative field :",
                                                      "quantitative fields :",
                                                      "technical field (e.g.",
                                                      "technical field (eg.",
                                                      "technical field such as",
                                                      "technical fields (e.g.",
                                                      "technical fields (eg.",
                                                      "technical fields such as",
                                                      "relevant field (e.g.",
                                                      "relevant field (eg.",
                                                      "relevant field such as",
                                                      "relevant fields (e.g.",
                                                      "relevant fields (eg.",
                                                      "relevant fields such as",
                                                      "related field (e.g.",
                                                      "related field (eg.",
                                                      "related field such as",
                                                      "related fields (e.g.",
                                                      "related fields (eg.",
                                                      "related fields such as",
                                                      "stem discipline (e.g.",
                                                      "stem disciplines (e.g.",
                                                      "stem discipline (eg.",
                                                      "stem disciplines (eg.",
                                                      "stem discipline (",
                                                      "stem disciplines (",
                                                      "stem discipline such as",
                                                      "stem disciplines such as"};

// A platform's category line ("Category: Full Stack Development") files the listing under a
// broad heading; it is not a skill the work asks for. Matched like a study prefix.
constexpr std::string_view kCategoryPrefixes[] = {
    "category :", "categories :", "subcategory :", "industry :", "industries :"};
// A field right after these names where the job sits ("the Institute of Artificial
// Intelligence", "the Section for Visual Computing", "Centre for Machine Vision"), not what it
// asks: academic postings name their institutions so. Matched like a study prefix.
constexpr std::string_view kInstitutionPrefixes[] = {
    "institute of",   "institute for", "department of", "faculty of", "school of",
    "centre for",     "center for",    "centre of",     "center of",  "section for",
    "laboratory for", "laboratory of", "lab for",       "chair of",   "chair for",
};

// Nouns that, right after a field that names roles (Skill::names_roles), or after a list of
// them, make it a role or a team: "DevOps engineer", "product managers", "Design, QA and
// Support teams".
constexpr std::string_view kRoleNouns[] = {
    "engineer",      "engineers",    "developer",    "developers",  "manager",     "managers",
    "team",          "teams",        "specialist",   "specialists", "analyst",     "analysts",
    "department",    "departments",  "squad",        "squads",      "consultant",  "consultants",
    "architect",     "architects",   "lead",         "leads",       "colleagues",  "counterparts",
    "partners",      "expert",       "experts",      "owner",       "owners",      "practitioner",
    "practitioners", "trainer",      "trainers",     "researcher",  "researchers", "scientist",
    "scientists",    "organization", "organisation", "org",         "guild",       "guilds",
    "generalist",    "generalists",  "assistant",    "assistants",  "role",        "roles",
    "swe",           "swes",         "sde",          "sdes",        "programmer",  "programmers",
    "student",       "students",
};

// Lower-case words that may stand between a field and its role noun like a capitalised name
// does ("a full-stack product engineer", "a DevOps platform engineer"): what the role works on.
constexpr std::string_view kRoleQualifiers[] = {
    "product", "software", "platform", "systems", "solutions", "application", "applications",
};

// Of the role nouns, those that name a group: after a list of fields ("the Platform
// Engineering, AI, and Software Engineering teams", "Licensing, Accounting, and Legal teams")
// they make each a team of colleagues, not an asked skill. Fields that do not name roles keep
// their other role nouns ("AI engineer" is AI work) and a team of their own ("our robotics team
// is hiring": the work is robotics).
constexpr std::string_view kTeamNouns[] = {
    "team",   "teams",      "department",   "departments",  "squad",
    "squads", "colleagues", "counterparts", "organization", "organisation",
    "org",    "guild",      "guilds",       "group",        "groups",
};

// Departments: a field listed among them after "with" is a group of colleagues ("collaborate
// with Product, Engineering, and Data Science to scope insights"), not an asked skill.
constexpr std::string_view kDepartments[] = {
    "product",    "engineering", "design", "marketing", "sales",    "legal", "finance",
    "operations", "support",     "pm",     "hr",        "research", "ops",
};
// People named in the plural: after a field they are a group of colleagues when the sentence
// works "with" them ("coordinate with our team of back-end developers"); so are the groups of
// kTeamNouns ("review error reports with the ML team").
constexpr std::string_view kColleagueNouns[] = {
    "engineers",   "developers", "designers",  "specialists", "analysts",
    "consultants", "architects", "scientists", "researchers", "programmers",
    "experts",     "lead",       "leads",
};
// Words between colleagues and their field ("experts across machine learning and robotics").
constexpr std::string_view kColleagueFieldLinks[] = {"in", "across", "from"};
constexpr std::string_view kWithWords[] = {"with", "alongside", "across", "between", "among"};
// Words that open a list of teams by name ("engineering teams, including Machine Learning, Data
// Engineering, Product Management"): every item is a team, department word or not.
constexpr std::string_view kTeamListOpeners[] = {
    "teams including",         "teams , including",   "teams such as",
    "teams , such as",         "teams like",          "departments including",
    "departments , including", "departments such as", "departments , such as",
    "hiring across",           "roles across",        "openings across",
    "positions across",
};
// Verbs of working together: a field that names roles right after "<verb> with" is the group
// the hire works with ("work closely with DevOps to deploy", "collaborate with data
// engineering"), not an asked skill; "experience with DevOps" keeps it.
constexpr std::string_view kPartnerVerbs[] = {
    "collaborate", "collaborates", "collaborating", "work",       "works",        "working",
    "partner",     "partners",     "partnering",    "coordinate", "coordinating", "liaise",
    "liaising",    "interface",    "interfacing",   "engage",     "engaging",     "sync",
};
// The verb that, bare ("work with Spark, Kafka and Trino"), uses a tool as often as it meets a
// department: a department's name needs a partnering verb or a filler ("work closely with
// Finance").
constexpr std::string_view kWorkVerbs[] = {"work", "works", "working"};
// Words before such a verb that make it the use of a tool, not work beside people ("experience
// working with QuickBooks, Google Sheets, or Excel").
constexpr std::string_view kUsingWords[] = {
    "experience", "experienced", "familiarity", "familiar",  "comfortable", "proficiency",
    "proficient", "skilled",     "expertise",   "knowledge", "background",  "skills",
};
// The last word of a match that makes it a tool, not a group ("working with BI tools",
// "interface with machine learning models").
constexpr std::string_view kToolWords[] = {"tool",      "tools", "software", "platform",
                                           "platforms", "model", "models"};
// Words after such a field that end its phrase ("with DevOps to deploy", "with DevOps on").
constexpr std::string_view kPartnerFollowers[] = {"to", "on",   "for",   "in",
                                                  "as", "when", "while", "so"};
// Words between the verb and "with" ("work closely with"), and after "with" ("with the").
constexpr std::string_view kPartnerFillers[] = {
    "closely",      "directly", "tightly", "together", "cross",
    "functionally", "daily",    "the",     "our",      "your",
};

// Section headings of the company's own text ("About us", "Who we are", "Benefits"): there a
// field the company works in ("an AI company", "a leading cybersecurity provider") describes
// the employer, not the job. "About <Name>" counts too, unless <Name> is one of kJobAbout.
// A job heading ends such a section.
constexpr std::string_view kCompanyHeadings[] = {
    "about us",
    "about the company",
    "who we are",
    "our mission",
    "our story",
    "our vision",
    "our company",
    "our culture",
    "our values",
    "company overview",
    "company description",
    "the company",
    "why join us",
    "why us",
    "why work with us",
};
// Words that may open an "About <Name>" heading before "about": "A bit about Datadog:", "A
// little about us", "More about Acme", "All about Acme".
constexpr std::string_view kAboutOpeners[] = {"a", "bit", "little", "more", "all"};

// The employer's turn to the hire, which ends its pitch like "you will": "we are looking for",
// "we're hiring" (kHiringAfterWeAre), "we need", "we seek" (kHiringAfterWe).
constexpr std::string_view kHiringAfterWeAre[] = {"looking", "seeking", "hiring"};
constexpr std::string_view kHiringAfterWe[] = {"seek", "need", "require"};
// Company sections that stay the company's when they speak to the hire ("You'll get a laptop").
constexpr std::string_view kBenefitHeadings[] = {
    "benefits",           "perks",   "what we offer",
    "equal opportunity",  "life at", "what you'll gain",
    "what you will gain",
};
constexpr std::string_view kJobHeadings[] = {
    "about the role",
    "about this role",
    "about the job",
    "about the position",
    "about the team",
    "about you",
    "about the opportunity",
    "the role",
    "your role",
    "role overview",
    "the opportunity",
    "responsibilities",
    "key responsibilities",
    "requirements",
    "qualifications",
    "what you'll do",
    "what you will do",
    "what you'll bring",
    "what we're looking for",
    "what we are looking for",
    "who you are",
    "job description",
    "description",
    "role description",
    "position description",
    "job details",
    "job overview",
    "role summary",
    "job summary",
    "duties",
    "skills",
    "you will",
    "nice to have",
    "must have",
    "tech stack",
    "our stack",
    "preferred qualifications",
    "minimum qualifications",
    "in this role",
    "the position",
    "position summary",
    "what you need",
    "overview",
    "your tasks",
    "tasks",
    "key tasks",
    "main tasks",
    "your responsibilities",
    "main responsibilities",
    "job responsibilities",
    "what you'll be doing",
    "what you will be doing",
    "what will you be doing",
    "what will you do",
    "what you bring",
    "what will you bring",
    "what we expect",
    "your profile",
    "your mission",
    "scope of work",
    "project scope",
    "project overview",
    "project description",
    "project details",
    "project requirements",
    "deliverables",
    "the ideal candidate",
    "your skills",
    "required skills",
    "key skills",
    "technical skills",
    "key requirements",
    "preferred skills",
    "relevant skills",
    "bonus skills",
    "experience",
    "required experience",
    "relevant experience",
    "ideal experience",
    "ideal background",
    "experience & skills",
    "experience and skills",
    "skills & experience",
    "skills and experience",
    "required qualifications",
    "required profile",
    "what you will bring",
    "what we need",
    "who we're looking for",
    "who we are looking for",
    "what we seek",
    "who we seek",
};
constexpr std::string_view kJobAbout[] = {"the", "this", "you", "your", "role",        "position",
                                          "job", "team", "it",  "our",  "engineering", "product"};

// A sentence in which the employer describes itself ("Veeam is the Data and AI Trust Company",
// "Kastle is building the AI operating system", "We want AI to be safe", "Anthropic's mission
// is ...", "Our platform ..."): the fields named from its subject on describe the company, not
// the job, wherever the sentence stands (many postings open with it, under no heading). The
// subject is "we", "our <noun>", or a name — capitalised words, not all of them skills and none
// a role noun — followed by one of kCompanyVerbs or "'s <noun>". A verb that any subject takes
// ("is", "we are": "Designs are ready in Figma", "APIs are used for OCR") needs a word of
// kCompanyNouns in the sentence. A sentence that speaks of the job (kJobWords) is the job's.
constexpr std::string_view kCompanyVerbs[] = {
    "builds",  "helps",  "connects", "provides",   "offers",      "powers",      "empowers",
    "enables", "serves", "operates", "transforms", "specializes", "specialises", "partners",
};
// After "<Tool> is": a tool that is hiring is the employer ("Snowflake is looking to …").
constexpr std::string_view kHiringWords[] = {"looking", "seeking", "hiring", "growing"};
// "Our portfolio includes …": what the employer sells, after "our"/"its" and one of these.
constexpr std::string_view kProductNouns[] = {"portfolio", "products", "offerings", "brands"};
constexpr std::string_view kListVerbs[] = {"include", "includes",  "including",
                                           "spans",   "comprises", "covers"};
constexpr std::string_view kWeVerbs[] = {
    "want", "believe", "help", "serve", "partner", "exist", "started", "founded", "empower",
};
constexpr std::string_view kBeVerbs[] = {"is", "are", "was", "were", "re", "has", "have", "ve"};
// The words before "'t" that make "is not" and its kin (negated_be_at: "This isn't a chatbot").
constexpr std::string_view kNegatedBe[] = {"isn", "aren", "wasn", "weren"};
// The words before "'t" that negate a verb (negated_do_before: "We don't use React").
constexpr std::string_view kNegatedDo[] = {"don", "doesn", "didn", "won"};
// "do", "does", "did", "will" before "not" (negated_do_before: "We do not need WordPress").
constexpr std::string_view kDoWords[] = {"do", "does", "did", "will"};
constexpr std::string_view kCompanyNouns[] = {
    "company",      "companies", "platform", "leader",  "startup",  "provider",
    "marketplace",  "network",   "firm",     "agency",  "business", "organization",
    "organisation", "community", "building", "mission", "founded",  "backed",
};
// "We're building a <noun>": the project a gig is for (builds_a_project).
constexpr std::string_view kProjectVerbs[] = {"building", "developing", "creating", "making"};
constexpr std::string_view kProjectNouns[] = {
    "system", "tool", "app",       "application", "pipeline",  "prototype", "mvp",
    "script", "bot",  "dashboard", "website",     "extension", "plugin",    "solution",
};
// "<tool> or a similar <kind>" (drop_kinds_of_the_named).
constexpr std::string_view kKindOfWords[] = {"similar",    "other",      "another",
                                             "equivalent", "comparable", "alternative"};
// "AI tools like Claude Code", "AI tools (Cursor, Copilot)": what a field's examples are
// (drop_kinds_of_the_named). Before a bracket "models" is left out: "an image classification
// model (EfficientNet)" asks for the task and names the model.
constexpr std::string_view kExampleNouns[] = {
    "tools", "tooling",   "technologies", "platforms", "assistants", "frameworks",   "services",
    "apis",  "solutions", "products",     "models",    "languages",  "capabilities",
};
// Words before a company that make it where people worked ("ex-Stripe", "former Google"), and
// the leaders or authors of one ("cofounder/CTO of MongoDB", "authors of neovim"): a past
// employer or work, not a skill (past_employer).
constexpr std::string_view kFormerWords[] = {"ex", "former", "formerly"};
constexpr std::string_view kLeaderWords[] = {
    "founder", "founders", "cofounder", "cofounders", "cto",      "ceo",      "coo",       "author",
    "authors", "creator",  "creators",  "pioneer",    "pioneers", "inventor", "inventors",
};
// What a sentence calls a tool that is the employer (introduces_employer).
constexpr std::string_view kEmployerNouns[] = {"company", "startup", "firm", "provider", "leader"};
constexpr std::string_view kOwnNouns[] = {
    "mission",   "vision",    "goal",           "purpose",   "platform",  "product",
    "products",  "company",   "customers",      "clients",   "community", "technology",
    "solutions", "offerings", "infrastructure", "engineers", "growth",    "culture",
    "equity",    "benefits",  "employees",      "values",    "offices",   "headquarters",
};
// Words before a name that make "<Name>'s vision" an object of the sentence, not its subject
// ("a program that aligns with Lemonaid's vision of affordable care" is the job's duty).
constexpr std::string_view kObjectPrepositions[] = {
    "with", "to", "of", "for", "in", "at", "on", "by", "from", "into", "toward", "towards",
};
constexpr std::string_view kJobWords[] = {
    "you",   "your", "looking",  "hiring",   "seeking",     "candidate", "candidates",
    "apply", "join", "required", "requires", "responsible", "expected",  "must",
};
// Words after "not" that keep the skill asked ("not only Python but also Rust", "doesn't shy
// away from DevOps").
constexpr std::string_view kNotOnly[] = {"only",  "just", "merely",   "simply", "limited",
                                         "least", "shy",  "hesitate", "mind",   "afraid"};
// "Selenium or similar browser-based solutions will not be accepted", "no-code tools are not
// allowed", "WordPress is prohibited": a skill refused after it is named (refused_after).
constexpr std::string_view kRefusedWords[] = {"accepted", "allowed", "permitted", "acceptable",
                                              "tolerated"};
constexpr std::string_view kBannedWords[] = {"prohibited", "forbidden", "banned"};
// Capitalised words that do not name a company.
constexpr std::string_view kNotNames[] = {
    "the",      "this",  "that", "these",     "those",      "it",           "there",       "here",
    "what",     "which", "who",  "each",      "every",      "all",          "our",         "your",
    "their",    "his",   "her",  "its",       "a",          "an",           "we",          "they",
    "you",      "i",     "he",   "she",       "experience", "knowledge",    "familiarity", "role",
    "position", "job",   "team", "candidate", "salary",     "compensation", "pay",         "remote",
};

// Nouns that, right after a field, make it a trade ("one of the top game development studios",
// "the endpoint-to-cloud security company", "the EDA industry", "for e-commerce brands"): the
// business of the employer or its clients, not a skill the job asks for.
constexpr std::string_view kBusinessNouns[] = {
    "company",     "companies",     "studio",   "studios",    "agency",       "agencies",
    "firm",        "firms",         "startup",  "startups",   "vendor",       "vendors",
    "provider",    "providers",     "industry", "industries", "sector",       "sectors",
    "consultancy", "consultancies", "lab",      "labs",       "businesses",   "brands",
    "clients",     "space",         "market",   "markets",    "entrepreneur", "entrepreneurs",
    "merchants",
};

// Phrases after which a sentence names the employer's clients, investors, competitors or the
// markets it serves ("Our client roster includes Google, Stripe, Figma", "investors like
// Founders Fund, Stripe", "industries like medicine, finance, artificial intelligence", "to
// replace legacy giants like SAP and Oracle"): companies and
// markets, not skills the job asks for, up to the sentence's end or a word of kJobWords. So are
// the channels a client talks through ("I communicate via Loom, chat, and shared Google Drive
// folders"), and the companies a team comes from ("an experienced team from Spotify, Docker,
// GitHub, Heroku", "Our team hails from Uber, Google, Mapbox").
constexpr std::string_view kOthersLists[] = {
    "clients , including",
    "clients , such as",
    "customers , including",
    "customers , such as",
    "customers , like",
    "partners , including",
    "investors , including",
    "clients include",
    "clients including",
    "clients like",
    "clients such as",
    "roster includes",
    "roster including",
    "customers include",
    "customers including",
    "customers like",
    "customers such as",
    "investors include",
    "investors including",
    "investors like",
    "investors such as",
    "trusted by",
    "angels from",
    "angel investors from",
    "partners include",
    "partners including",
    "partners like",
    "partners such as",
    "brands like",
    "brands such as",
    "brands including",
    "companies like",
    "companies such as",
    "companies including",
    "organizations like",
    "organizations such as",
    "organisations like",
    "organisations such as",
    "enterprises like",
    "enterprises such as",
    "industries like",
    "industries such as",
    "industries including",
    "sectors like",
    "sectors such as",
    "sectors including",
    "verticals like",
    "verticals such as",
    "fields as diverse as",
    "domains as diverse as",
    "areas as diverse as",
    "industries as diverse as",
    "markets like",
    "markets such as",
    "we sell",
    "we resell",
    "giants like",
    "giants such as",
    "leaders including",
    "leaders like",
    "leaders such as",
    "incumbents like",
    "incumbents such as",
    "competitors like",
    "competitors such as",
    "competitors including",
    "in the space of",
    "team from",
    "teams from",
    "hails from",
    "hail from",
    "alumni of",
    "alumni from",
    "veterans of",
    "communicate via",
    "communicate through",
    "communicate using",
    "communicating via",
    "communicating through",
    "communication via",
    "communication through",
};
// Words after which a sentence states the employer's mission ("Join us in pioneering the future
// of e-commerce search", "Neurotone is revolutionizing auditory training with AI", "our mission
// is to make auth simple for every developer building web and mobile applications"): what the
// company changes, not what the hire uses. Read like kOthersLists, to the sentence's end or a
// word of kJobWords.
constexpr std::string_view kMissionOpeners[] = {
    "future of",       "forefront of",   "mission is",      "mission :",     "mission to",
    "revolutionize",   "revolutionizes", "revolutionizing", "revolutionise", "revolutionises",
    "revolutionising", "reinvent",       "reinvents",       "reinventing",   "redefine",
    "redefines",       "redefining",     "democratize",     "democratizes",  "democratizing",
    "democratise",     "democratises",   "democratising",
};

// Words right before or after "AI" that make it the thing people judge ("Assess AI reasoning",
// "responses produced by an AI model", "calls with an AI agent", "AI trainer"; not "help train
// AI models", which an ML engineer's job says too): in a gig that names no machine-learning
// tool, AI is its subject matter, not a skill it asks for. Other fields it names ("experience
// using LLMs", "RLHF") are asked like anywhere else.
constexpr std::string_view kTrainedAiBefore[] = {
    "evaluate", "evaluating", "assess", "assessing", "rate",        "rating",
    "rank",     "ranking",    "by an",  "with an",   "feedback on",
};
// Words right after "AI" that make it what the hire builds or is, so a verb of kTrainedAiBefore
// does not make it judged: "evaluating AI/ML solutions", "assess AI technologies", "work with
// an AI expert". ("AI/ML" names a field of work too: a slash after "AI" counts as one of them.)
constexpr std::string_view kBuiltAiAfter[] = {
    "solutions", "solution",     "products",   "features",   "applications", "technologies",
    "strategy",  "architecture", "focus",      "expert",     "experts",      "engineer",
    "engineers", "developer",    "developers", "specialist",
};
constexpr std::string_view kTrainedAiAfter[] = {
    "responses",  "response",    "outputs",   "output",     "reasoning", "content",
    "generated",  "trainer",     "trainers",  "tutor",      "tutors",    "training",
    "evaluation", "evaluations", "evaluator", "evaluators", "rater",     "raters",
};
// In a gig where people train or judge AI, the machine-learning fields it names are what is
// judged, not skills asked, unless words near one ask for it ("experience with LLMs", "machine
// learning knowledge is a plus") or it is the judging work itself (kAiTrainingWork) — which
// includes the large language models such gigs train: readers label them, where they leave
// "conversational AI systems" and "generative AI projects" out.
constexpr std::string_view kAskedWords[] = {
    "experience", "experienced", "knowledge",  "familiarity",   "familiar",
    "used",       "using",       "background", "proficiency",   "proficient",
    "expertise",  "skills",      "skilled",    "understanding",
};
constexpr std::string_view kAiTrainingWork[] = {"llm-evaluation", "prompt-engineering",
                                                "model-evaluation", "llm"};
// Categories of the tools that make a text machine-learning work, whatever it says of AI.
constexpr std::string_view kMlToolCategories[] = {"dl-framework", "ml-tooling", "ml-platform",
                                                  "deployment", "cv-library"};

// Words between two quotes that make a quoted sentence (drop_quoted_examples), not a name.
constexpr std::uint32_t kQuotedSentenceWords = 5;
// Tokens before a match that begins "AI-generated" in which a judging verb makes people judge
// AI (judged_within): "Evaluating the quality of AI-generated code".
constexpr std::size_t kJudgingVerbWindow = 5;

// Top-level domains: a skill word glued to ".com" ("https://github.com/acme/tool") is part of a
// web address, not the skill.
constexpr std::string_view kDomainEnds[] = {"com", "io", "org", "net", "dev", "co", "ai", "app"};

// Categories of named tools and products: a one-word name ("Docker", "Keras") is not written in
// the plural, so only its spellings are generated, which keeps the alias table small.
constexpr std::string_view kToolCategories[] = {
    "language",     "web",        "database",    "cloud",        "devops",
    "mobile",       "ml-tooling", "ml-platform", "dl-framework", "cv-library",
    "cloud-vision", "model",      "deployment",  "labelling",    "testing",
};

// Words after which a coordinated word may end its noun phrase ("data cleaning and
// visualization for marketing"): in "data drift and model decay" the word "model" does not, so it
// shares no modifier with "data drift".
constexpr std::string_view kPhraseEnds[] = {
    "and",       "or",         "for",        "in",        "of",     "with",  "to",
    "on",        "at",         "from",       "by",        "as",     "into",  "using",
    "across",    "within",     "via",        "including", "is",     "are",   "was",
    "were",      "will",       "that",       "which",     "skills", "tools", "techniques",
    "libraries", "frameworks", "experience", "projects",  "work",   "tasks", "pipelines",
};

// Words that join the items of a list, skipped when looking for a study prefix before a list.
constexpr std::string_view kListGlue[] = {",", "/", "&", "or", "and", "related", "a", "similar"};

// The words that make what they stand by a nice-to-have: "Docker is a plus", "AWS preferred",
// "ideally PyTorch", "Nice to have:", "Bonus points if you know Rust". Each is checked for that
// sense where it stands (mark_preferred): "plus" needs a word such as "a" or "big" before it.
constexpr std::string_view kSoftWords[] = {
    "plus",       "pluses",       "plusses",  "preferred", "preferably", "prefer",  "prefers",
    "preference", "preferable",   "bonus",    "bonuses",   "nice",       "ideally", "desirable",
    "advantage",  "advantageous", "optional", "helpful",   "beneficial"};
// A heading with one of these words heads what is required ("Required and preferred skills"),
// even with a soft word in it.
constexpr std::string_view kHardWords[] = {"required", "requirements", "requirement", "minimum",
                                           "must",     "mandatory",    "basic",       "essential"};
// The words before "plus" or "advantage" in the nice-to-have sense ("is a plus", "a big plus",
// "an added advantage"); elsewhere "plus" adds ("salary plus equity").
constexpr std::string_view kPlusBefore[] = {
    "a",           "an",    "big",  "huge",       "strong", "definite", "major",
    "great",       "nice",  "real", "added",      "extra",  "distinct", "massive",
    "significant", "bonus", "plus", "definitely", "all"};
// The words after "bonus" in the nice-to-have sense ("Bonus points if you know Rust"); most
// other bonuses are pay.
constexpr std::string_view kBonusAfter[] = {"points", "point",          "if",        "skills",
                                            "skill",  "qualifications", "experience"};
// Soft words that bear on what follows them ("ideally PyTorch", "preferably in Go").
constexpr std::string_view kSoftOpeners[] = {"ideally", "preferably", "prefer", "prefers",
                                             "preference"};
// Words that open a clause of their own in a list of requirements: "Python, experience with
// Docker a plus" asks Python and likes Docker.
constexpr std::string_view kClauseNouns[] = {
    "experience",  "knowledge", "familiarity", "exposure", "understanding", "background",
    "proficiency", "expertise", "skills",      "working",  "hands",         "but",
    "while",       "although",  "though",      "any",      "some"};

// Words after which a list before a shared object ("clean, reliable data") describes the object
// rather than naming what is done to it (add_shared_objects).
constexpr std::string_view kAdjectiveOpeners[] = {
    "of",     "the",      "a",       "an",         "create",  "creating",  "provide", "providing",
    "ensure", "ensuring", "deliver", "delivering", "produce", "producing", "design",  "designing"};

// The object that a list of verbs shares ("collect, clean, analyze, and visualize the data"),
// and the words that may stand between a lone verb and it ("visualize the data").
constexpr std::string_view kSharedObjects[] = {"data", "dataset", "datasets"};
constexpr std::string_view kObjectDeterminers[] = {"the", "this",  "that", "these", "those", "your",
                                                   "our", "their", "its",  "all",   "any"};

// Generated spellings of a word, for aliases that match without case or context rules: listings
// write "visualisations" for the alias "data visualization". British and American spellings
// both ways, then plurals (and, for aliases of several words, singulars). Never shorter than 4.
std::vector<std::string> spellings_of(const std::string& word, bool several_words, bool plurals) {
    std::vector<std::string> out;
    auto ends = [](const std::string& w, std::string_view tail) {
        return w.size() > tail.size() + 2 &&
               w.compare(w.size() - tail.size(), tail.size(), tail) == 0;
    };
    auto swap_tail = [&](const std::string& w, std::string_view from, std::string_view to) {
        if (ends(w, from)) {
            out.push_back(w.substr(0, w.size() - from.size()) + std::string(to));
        }
    };
    static constexpr std::pair<std::string_view, std::string_view> kSpelling[] = {
        {"ization", "isation"},   {"isation", "ization"}, {"izations", "isations"},
        {"isations", "izations"}, {"ize", "ise"},         {"ise", "ize"},
        {"izing", "ising"},       {"ising", "izing"},     {"yze", "yse"},
        {"yse", "yze"},           {"yzing", "ysing"},     {"ysing", "yzing"},
        {"eling", "elling"},      {"elling", "eling"},    {"eled", "elled"},
        {"elled", "eled"},        {"our", "or"},          {"or", "our"},
    };
    for (const auto& [from, to] : kSpelling) {
        if (from == "or" && !ends(word, "avior") && !ends(word, "olor")) {
            continue;  // "behavior", "color" only: "vendor", "sensor" have no -our form
        }
        swap_tail(word, from, to);
    }
    std::vector<std::string> forms = out;
    forms.push_back(word);
    for (const std::string& w : plurals ? forms : std::vector<std::string>{}) {
        if (w.size() < 4) {
            continue;
        }
        char last = w.back();
        char before = w[w.size() - 2];
        bool vowel_before = std::string_view("aeiou").find(before) != std::string_view::npos;
        if (last == 'y' && !vowel_before) {
            out.push_back(w.substr(0, w.size() - 1) + "ies");
        } else if (last == 's' || last == 'x' || ends(w, "ch") || ends(w, "sh")) {
            if (last != 's') {
                out.push_back(w + "es");
            }
        } else {
            out.push_back(w + "s");
        }
        if (several_words && ends(w, "ies")) {
            out.push_back(w.substr(0, w.size() - 3) + "y");
        } else if (several_words && last == 's' && before != 's' && before != 'u' &&
                   before != 'i') {
            out.push_back(w.substr(0, w.size() - 1));
        }
    }
    return out;
}

// Verbs that open aliases of an action on an object ("optimize performance", "detect
// defects"): listings write them in every form ("Optimizing application performance",
// "detected defects"), so the other forms are generated. Verbs that also open noun compounds
// ("design systems", "build tools", "test cases", "clean code") are not among them.
constexpr std::string_view kAliasVerbs[] = {
    "optimize", "optimise",  "reduce",    "improve",    "develop",   "detect",   "deploy",
    "evaluate", "integrate", "implement", "create",     "define",    "expose",   "automate",
    "scrape",   "analyze",   "analyse",   "visualize",  "visualise", "migrate",  "configure",
    "annotate", "classify",  "extract",   "transcribe", "refactor",  "maintain", "manage",
};

// Aliases whose verb keeps its written form: readers label "optimize application performance"
// but seldom a bare "optimizing performance" (8 of 48 in the sets of the twenty-third session).
constexpr std::string_view kNoVerbForms[] = {"optimize performance", "optimise performance"};

// The other forms of one of kAliasVerbs: "optimize" → "optimizes", "optimizing", "optimized";
// "classify" → "classifies", "classifying", "classified".
std::vector<std::string> verb_forms(const std::string& verb) {
    const std::string stem = verb.substr(0, verb.size() - 1);
    switch (verb.back()) {
        case 'e':
            return {verb + "s", stem + "ing", verb + "d"};
        case 'y':
            return {stem + "ies", verb + "ing", stem + "ied"};
        default:
            return {verb + "s", verb + "ing", verb + "ed"};
    }
}

// A phrase from the data file as token hashes, compared token by token (spacing ignored).
struct Phrase {
    std::vector<std::uint64_t> hashes;
};

// Bit (hash >> 58) of a token hash: 64-bit sets that settle most lookups before a search.
constexpr std::uint64_t bit_of(std::uint64_t hash) {
    return std::uint64_t{1} << (hash >> 58);
}

// Whether sorted `v` holds `x`. Without a branch per step: whether a word is in a list is a
// coin toss the branch predictor loses at each step of a binary search.
template <typename T>
bool contains(const std::vector<T>& v, std::type_identity_t<T> x) {
    if (v.empty()) {
        return false;
    }
    const T* base = v.data();
    // `x`, if held, is in [base, base + n).
    for (std::size_t n = v.size(); n > 1;) {
        const std::size_t half = n / 2;
        base = base[half] <= x ? base + half : base;
        n -= half;
    }
    return *base == x;
}

// A 4096-bit set over (hash >> 52) of the words of a few lists: most tokens miss it, and only
// those that hit are looked up.
using WordFilter = std::array<std::uint64_t, 64>;
void add_word(WordFilter& filter, std::uint64_t hash) {
    filter[(hash >> 52) >> 6] |= std::uint64_t{1} << ((hash >> 52) & 63);
}
bool may_hold(const WordFilter& filter, std::uint64_t hash) {
    return ((filter[(hash >> 52) >> 6] >> ((hash >> 52) & 63)) & 1u) != 0;
}

// Phrases with the bits of their first and last tokens: most texts' neighbouring words miss
// both, and the list is not read at all. The phrases are also indexed by their first and by
// their last hash, so that a search looks up the one word next to it and reads a whole phrase
// only where that word is its edge.
class PhraseList {
  public:
    void add(Phrase phrase) {
        // An empty phrase matches anywhere: its bits must let every word through.
        const auto index = static_cast<std::uint32_t>(phrases_.size());
        if (phrase.hashes.empty()) {
            has_empty_ = true;
            first_bits = last_bits = ~std::uint64_t{0};
        } else {
            first_bits |= bit_of(phrase.hashes.front());
            last_bits |= bit_of(phrase.hashes.back());
            const std::size_t n = phrase.hashes.size();
            insert(firsts_, {phrase.hashes.front(), n > 1 ? phrase.hashes[1] : 0, index});
            insert(lasts_, {phrase.hashes.back(), n > 1 ? phrase.hashes[n - 2] : 0, index});
        }
        phrases_.push_back(std::move(phrase));
    }

    // Calls `f(phrase)`, in list order, for each phrase whose first (`Edge::First`) or last
    // hash is `hash` until it returns true; returns whether it did. With an empty phrase in the
    // list every phrase is tried, in list order. `inner` is the text's word next to `hash` on
    // the phrase's side (0: none there): a phrase of two or more words whose word there differs
    // is not tried ("degree in" after "experience in"). kAnyInner tries them all.
    enum class Edge { First, Last };
    static constexpr std::uint64_t kAnyInner = ~std::uint64_t{0};
    template <typename F>
    bool any_at(Edge edge, std::uint64_t hash, F&& f, std::uint64_t inner = kAnyInner) const {
        if (has_empty_) {
            return std::any_of(phrases_.begin(), phrases_.end(), f);
        }
        const std::vector<EdgeHash>& edges = edge == Edge::First ? firsts_ : lasts_;
        auto it = std::lower_bound(edges.begin(), edges.end(), EdgeHash{hash, 0, 0});
        for (; it != edges.end() && it->hash == hash; ++it) {
            if ((inner == kAnyInner || it->inner == 0 || it->inner == inner) &&
                f(phrases_[it->index])) {
                return true;
            }
        }
        return false;
    }

    std::vector<Phrase>::const_iterator begin() const { return phrases_.begin(); }
    std::vector<Phrase>::const_iterator end() const { return phrases_.end(); }
    std::size_t size() const { return phrases_.size(); }
    bool empty() const { return phrases_.empty(); }
    bool has_empty() const { return has_empty_; }

    std::uint64_t first_bits = 0;
    std::uint64_t last_bits = 0;

  private:
    struct EdgeHash {
        std::uint64_t hash;
        std::uint64_t inner;  // the phrase's word next to the edge one, 0: a one-word phrase
        std::uint32_t index;
        bool operator<(const EdgeHash& o) const {
            return hash != o.hash ? hash < o.hash : index < o.index;
        }
    };
    static void insert(std::vector<EdgeHash>& edges, EdgeHash e) {
        edges.insert(std::upper_bound(edges.begin(), edges.end(), e), e);
    }

    std::vector<Phrase> phrases_;
    std::vector<EdgeHash> firsts_;  // sorted by hash, then list order
    std::vector<EdgeHash> lasts_;
    bool has_empty_ = false;
};

// Sorted single-word hashes with their bits, one per (hash >> 56): with 64 bits a list of a few
// dozen words let a third of all words through to the search.
struct WordList : std::vector<std::uint64_t> {
    std::array<std::uint64_t, 4> bits{};
    void note(std::uint64_t hash) { bits[hash >> 62] |= std::uint64_t{1} << ((hash >> 56) & 63); }
    bool maybe(std::uint64_t hash) const { return (bits[hash >> 62] >> ((hash >> 56) & 63)) & 1u; }
};

struct CompiledRule {
    int window = 5;
    bool near_skill = false;
    std::vector<bool> near_category;  // by category index; empty: any category counts
    PhraseList accept_prev, accept_next, reject_prev, reject_next;
    WordList accept_near, reject_near;
    // A rule with nothing to accept only rejects: the match stands unless a reject word is
    // near ("GitHub" beside "resume" is a profile link).
    bool reject_only = false;
};

// One alias as the matcher sees it.
struct Variant {
    std::uint32_t skill = 0;
    std::uint32_t category = 0;
    bool case_sensitive = false;
    bool names_roles = false;  // Skill::names_roles
    bool tool = false;         // of a kToolCategories category: a named tool, not a field
    int rule = -1;             // index into Impl::rules, -1: no context needed
    bool role = false;         // Alias::role: every match names a role
    PhraseList not_prev, not_next;
    std::string text;  // the alias as written
    Tokens tokens;     // its tokens (offsets into `text`)
    bool conditional() const { return rule >= 0 || !not_prev.empty() || !not_next.empty(); }
};

// Aliases of one skill that tokenise to the same hash sequence ("React" and "react").
struct Group {
    std::vector<Variant> variants;
};

// Open-addressing slot: an alias n-gram (a group), the prefix of a longer one, or both. Eight
// bytes, so the table stays in the first cache levels. `tag` is the high half of the n-gram
// hash (the low bits chose the slot); a false match costs one byte comparison in verify.
struct Slot {
    static constexpr std::uint32_t kGroupBits = 0x7FFFFFFFu;
    static constexpr std::uint32_t kPrefixBit = 0x80000000u;

    std::uint32_t tag = 0;  // 0: empty
    std::uint32_t value = kGroupBits;

    std::uint32_t group() const { return value & kGroupBits; }  // kNoGroup: none
    bool is_prefix() const { return (value & kPrefixBit) != 0; }
};

std::uint32_t tag_of(std::uint64_t hash) {
    auto tag = static_cast<std::uint32_t>(hash >> 32);
    return tag == 0 ? 1 : tag;
}

enum class State : std::uint8_t { Pending, Accepted, Rejected };

struct Candidate {
    std::uint32_t first = 0;  // token range [first, last)
    std::uint32_t last = 0;
    const Variant* variant = nullptr;
    State state = State::Pending;
    bool role = false;       // SkillSpan::role
    bool company = false;    // inside the company's own section (drop_company_sections)
    bool preferred = false;  // SkillSpan::preferred
};

PhraseList compile_phrases(const std::vector<std::string>& phrases) {
    PhraseList out;
    Tokens tokens;
    for (const auto& p : phrases) {
        text_tokens::tokenize(p, tokens);
        Phrase phrase;
        for (const auto& t : tokens) {
            phrase.hashes.push_back(t.hash);
        }
        out.add(std::move(phrase));
    }
    return out;
}

std::vector<std::uint64_t> compile_words(const std::vector<std::string>& words) {
    std::vector<std::uint64_t> out;
    for (const auto& w : words) {
        out.push_back(text_tokens::hash_lower(w));
    }
    std::sort(out.begin(), out.end());
    return out;
}

WordList compile_word_list(const std::vector<std::string>& words) {
    WordList out;
    static_cast<std::vector<std::uint64_t>&>(out) = compile_words(words);
    for (std::uint64_t h : out) {
        out.note(h);
    }
    return out;
}

bool same_bytes(const char* a, const char* b, std::size_t n, bool case_sensitive) {
    if (case_sensitive) {
        return std::equal(a, a + n, b);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (text_tokens::lower(a[i]) != text_tokens::lower(b[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace

struct SkillExtractor::Impl {
    const Taxonomy* taxonomy = nullptr;
    std::vector<CompiledRule> rules;
    PhraseList study_prefixes;                     // kStudyPrefixes
    std::vector<std::uint64_t> study_prefix_ends;  // their last tokens, sorted
    PhraseList study_heads;  // the study prefixes ending in "in", without it ("degree")
    std::uint64_t in_hash = 0;
    std::vector<std::uint64_t> list_glue;        // kListGlue, sorted hashes
    std::vector<std::uint64_t> phrase_ends;      // kPhraseEnds, sorted hashes
    std::vector<std::uint64_t> role_nouns;       // kRoleNouns, sorted hashes
    std::vector<std::uint64_t> team_nouns;       // kTeamNouns, sorted hashes
    WordList role_qualifiers;                    // kRoleQualifiers, sorted hashes
    std::vector<std::uint64_t> departments;      // kDepartments, sorted hashes
    std::vector<std::uint64_t> with_words;       // kWithWords, sorted hashes
    std::vector<std::uint64_t> colleague_nouns;  // kColleagueNouns, kTeamNouns; sorted hashes
    std::vector<std::uint64_t> colleague_links;  // kColleagueFieldLinks, sorted hashes
    std::vector<std::uint64_t> project_verbs;    // kProjectVerbs, sorted hashes
    std::vector<std::uint64_t> project_nouns;    // kProjectNouns, sorted hashes
    std::uint64_t with_hash = 0;
    std::vector<std::uint64_t> partner_verbs;      // kPartnerVerbs, sorted hashes
    std::vector<std::uint64_t> partner_fillers;    // kPartnerFillers, sorted hashes
    std::vector<std::uint64_t> work_verbs;         // kWorkVerbs, sorted hashes
    std::vector<std::uint64_t> partner_followers;  // kPartnerFollowers, sorted hashes
    // Their bits: list glue (",", "and"), which often follows a skill, must not pass.
    WordFilter colleague_filter{};
    std::vector<std::uint64_t> domain_ends;  // kDomainEnds, sorted hashes
    std::uint64_t http_hash = 0;
    std::uint64_t https_hash = 0;
    std::uint64_t www_hash = 0;
    PhraseList team_list_openers;               // kTeamListOpeners
    PhraseList company_headings;                // kCompanyHeadings
    PhraseList benefit_headings;                // kBenefitHeadings
    PhraseList job_headings;                    // kJobHeadings
    std::vector<std::uint64_t> heading_starts;  // first tokens of both, and "about", sorted
    std::vector<std::uint64_t> job_about;       // kJobAbout, sorted hashes
    WordList company_verbs;                     // kCompanyVerbs, sorted hashes
    WordList we_verbs;                          // kWeVerbs
    WordList be_verbs;                          // kBeVerbs
    WordList company_nouns;                     // kCompanyNouns
    WordList employer_nouns;                    // kEmployerNouns
    WordList kind_words;                        // kKindOfWords (drop_kinds_of_the_named)
    WordList example_nouns;                     // kExampleNouns (drop_kinds_of_the_named)
    std::uint64_t example_openers = 0;          // bits of those and "like", "such", "including"
    WordList former_words;                      // kFormerWords (past_employer)
    WordList leader_words;                      // kLeaderWords (past_employer)
    std::uint64_t models_hash = 0;
    std::uint64_t any_hash = 0;
    WordList own_nouns;            // kOwnNouns
    WordList object_prepositions;  // kObjectPrepositions
    WordList hiring_words;         // kHiringWords
    WordList product_nouns;        // kProductNouns
    WordList list_verbs;           // kListVerbs
    std::uint64_t its_hash = 0;
    std::uint64_t behind_hash = 0;
    std::uint64_t team_hash = 0;
    std::uint64_t teams_hash = 0;
    WordList job_words;  // kJobWords
    WordList not_names;  // kNotNames
    WordList not_only;   // kNotOnly
    WordList refused;    // kRefusedWords
    WordList banned;     // kBannedWords
    std::uint64_t without_hash = 0;
    std::uint64_t use_hash = 0;
    std::uint64_t the_hash = 0;
    WordList using_words;         // kUsingWords
    WordList tool_words;          // kToolWords
    WordList shared_objects;      // kSharedObjects
    WordList object_determiners;  // kObjectDeterminers
    WordList adjective_openers;   // kAdjectiveOpeners
    // Words of the headings over what the work leaves out ("Out of Scope", "Non-Goals", "Not
    // included", "What You Are NOT Doing", "Future Phases", "NOT a fit if"): the match scan
    // notes each heading's key word (scope, goals, included, doing, phase(s), fit), and
    // drop_excluded_sections reads the words around it.
    std::uint64_t scope_hash = 0;
    std::uint64_t goals_hash = 0;
    std::uint64_t included_hash = 0;
    std::uint64_t doing_hash = 0;
    std::uint64_t phases_hash = 0;
    std::uint64_t phase_hash = 0;
    std::uint64_t future_hash = 0;
    std::uint64_t later_hash = 0;
    std::uint64_t fit_hash = 0;
    std::uint64_t if_hash = 0;
    std::uint64_t good_hash = 0;
    std::uint64_t out_hash = 0;
    std::uint64_t of_hash = 0;
    std::uint64_t ex_hash = 0;
    std::uint64_t non_hash = 0;
    // The words that make a skill a nice-to-have ("a plus", "preferred", "bonus", "ideally",
    // "nice to have"): the match scan notes them, and mark_preferred reads the sentence or the
    // section around each.
    WordList soft_words;       // kSoftWords, sorted
    WordFilter soft_filter{};  // one bit per (hash >> 52) of soft_words
    WordList hard_words;       // kHardWords, sorted
    WordList plus_before;      // kPlusBefore, sorted
    WordList bonus_after;      // kBonusAfter, sorted
    WordList soft_openers;     // kSoftOpeners, sorted
    std::uint64_t plus_hash = 0;
    std::uint64_t advantage_hash = 0;
    std::uint64_t nice_hash = 0;
    std::uint64_t bonus_hash = 0;
    std::uint64_t bonuses_hash = 0;
    std::uint64_t to_hash = 0;
    std::uint64_t have_hash = 0;
    std::uint64_t haves_hash = 0;
    std::uint64_t be_hash = 0;
    WordList clause_nouns;  // kClauseNouns, sorted
    // A platform's skill tags pasted into the text ("Skills: Python, OpenCV"): the match scan
    // notes the "Skills:" label, and find_tag_lines reads where such lines run.
    std::uint64_t skills_hash = 0;
    std::uint64_t we_hash = 0;
    std::uint64_t our_hash = 0;
    std::uint64_t s_hash = 0;
    std::uint64_t t_hash = 0;
    WordList contraction_tails;  // after an apostrophe: "t", "s", "ll", ...
    WordList negated_be;         // kNegatedBe
    WordList negated_do;         // kNegatedDo
    WordList do_words;           // kDoWords
    std::uint64_t about_hash = 0;
    WordList about_openers;              // kAboutOpeners
    std::uint64_t description_hash = 0;  // a bare "Description" heading (drop_company_sections)
    // One bit per (hash >> 52) of every heading_starts entry: most words miss here.
    WordFilter heading_filter{};
    // Bit per high 12 bits of the hash of the words self_description looks up: where a word
    // may start a subject or end the search (job words, company nouns, "we", "our"), and where
    // the next word may be a verb after a name (the verbs and "'").
    WordFilter self_filter{};
    WordFilter verb_filter{};
    bool maybe_verb(std::uint64_t h) const { return may_hold(verb_filter, h); }
    WordFilter study_filter{};  // study_prefix_ends, list glue
    bool maybe_study(std::uint64_t h) const { return may_hold(study_filter, h); }
    WordFilter role_filter{};  // role and team nouns, list glue
    bool maybe_role(std::uint64_t h) const { return may_hold(role_filter, h); }
    // The words right after a skill that may open "is not required" (drop_not_required).
    WordFilter not_required_filter{};
    bool maybe_not_required(std::uint64_t h) const { return may_hold(not_required_filter, h); }
    bool maybe_self(std::uint64_t h) const { return may_hold(self_filter, h); }
    std::vector<Group> groups;
    std::vector<Slot> slots;
    std::uint64_t mask = 0;
    // One bit per (hash >> kFilterShift) of every alias's first token: most words miss here.
    // 2^18 bits (32 KiB) keep it sparse with a thousand skills and their generated spellings.
    static constexpr int kFilterShift = 46;
    std::vector<std::uint64_t> first_token_filter = std::vector<std::uint64_t>(1u << 12, 0);
    // The same for every alias n-gram of two or more tokens (and each such prefix), keyed by
    // pair_key of the n-gram's prefix and its last token: most prefixes ("data", "in") are
    // followed by no alias's next word, and this settles them before the sequence hash is
    // computed.
    std::vector<std::uint64_t> longer_filter = std::vector<std::uint64_t>(1u << 12, 0);

    // One bit per (hash >> kLastShift) of the last word of every alias of two or more words:
    // a word after a match's "and" seldom ends one. 2^15 bits (4 KiB).
    static constexpr int kLastShift = 49;
    std::vector<std::uint64_t> last_word_filter = std::vector<std::uint64_t>(1u << 9, 0);

    // Read by the passes after matching, less often than the members above.
    WordList business_nouns;                 // kBusinessNouns
    PhraseList others_lists;                 // kOthersLists, kMissionOpeners; by first token's hash
    std::vector<bool> others_mission;        // others_lists[i] is one of kMissionOpeners
    WordFilter others_filter{};              // their first tokens' hash >> 52
    WordList others_single;                  // those of one word
    std::uint64_t others_second = 0;         // bits of their second tokens
    PhraseList trained_ai_before;            // kTrainedAiBefore
    PhraseList trained_ai_after;             // kTrainedAiAfter
    std::vector<std::uint64_t> asked_words;  // kAskedWords, sorted hashes
    std::vector<std::uint64_t> built_ai_after;    // kBuiltAiAfter, sorted hashes
    WordList hiring_after_we_are;                 // kHiringAfterWeAre
    WordList hiring_after_we;                     // kHiringAfterWe
    std::vector<std::uint32_t> ai_training_work;  // kAiTrainingWork, skill indices, sorted
    std::uint32_t ml_category = kNoGroup;         // the "ml" category, if the file has one
    std::uint32_t cv_task_category = kNoGroup;    // "cv-task"
    std::uint32_t labelling_category = kNoGroup;  // "labelling": annotation work and its tools
    std::uint32_t design_category = kNoGroup;     // "design": its tools are where people work
    std::uint32_t language_category = kNoGroup;   // "language": no company's name
    std::uint32_t web_category = kNoGroup;        // "web": frontend and backend are its parts
    std::uint64_t ml_tool_categories = 0;         // bit per category index: kMlToolCategories
    std::uint64_t ai_hash = 0;
    std::uint64_t artificial_hash = 0;
    std::uint64_t intelligence_hash = 0;
    std::uint64_t why_hash = 0;
    std::uint64_t what_hash = 0;
    std::uint64_t at_hash = 0;
    std::uint64_t not_hash = 0;
    std::uint64_t no_hash = 0;
    std::uint64_t and_hash = 0;
    std::uint64_t or_hash = 0;
    std::uint64_t edge_hash = 0;
    std::array<std::uint64_t, 3> figurative_edges{};  // cutting, leading, bleeding (word_near)
    std::uint64_t like_hash = 0;
    std::uint64_t for_hash = 0;
    std::uint64_t on_hash = 0;
    std::uint64_t such_hash = 0;
    std::uint64_t as_hash = 0;
    std::uint64_t including_hash = 0;
    std::vector<std::vector<std::uint32_t>> kinds_of;  // kinds_of_each
    std::uint64_t a_hash = 0;
    std::uint64_t an_hash = 0;
    std::uint64_t who_hash = 0;
    std::uint64_t is_hash = 0;
    std::uint64_t employees_hash = 0;
    std::uint64_t you_hash = 0;
    std::uint64_t mission_hash = 0;
    std::uint64_t will_hash = 0;
    std::uint64_t ll_hash = 0;
    std::uint64_t you_ll_hash = 0;  // "you’ll" with a typographic apostrophe is one word
    std::uint64_t are_hash = 0;
    std::uint64_t re_hash = 0;
    std::uint64_t we_re_hash = 0;  // "we’re", likewise

    const Slot* find(std::uint64_t hash) const {
        const std::uint32_t tag = tag_of(hash);
        for (std::uint64_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot& s = slots[i];
            if (s.tag == tag) {
                return &s;
            }
            if (s.tag == 0) {
                return nullptr;
            }
        }
    }

    Slot& insert(std::uint64_t hash) {
        const std::uint32_t tag = tag_of(hash);
        for (std::uint64_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& s = slots[i];
            if (s.tag == tag || s.tag == 0) {
                s.tag = tag;
                return s;
            }
        }
    }

    // Two well-mixed hashes combined without a multiply: only a filter's bit is taken from it.
    static std::uint64_t pair_key(std::uint64_t prefix, const Token& next) {
        return prefix ^ std::rotl(next.hash, 23) ^ (next.spaced ? 0x632BE59BD9B4E019ull : 0);
    }

    // Whether the sequence hashed `prefix` followed by `next` may be an alias or its prefix.
    bool maybe_longer(std::uint64_t prefix, const Token& next) const {
        std::uint64_t bit = pair_key(prefix, next) >> kFilterShift;
        return (longer_filter[bit >> 6] >> (bit & 63)) & 1u;
    }

    bool maybe_last(std::uint64_t hash) const {
        std::uint64_t bit = hash >> kLastShift;
        return (last_word_filter[bit >> 6] >> (bit & 63)) & 1u;
    }

    bool maybe_first(std::uint64_t hash) const {
        std::uint64_t bit = hash >> kFilterShift;
        return (first_token_filter[bit >> 6] >> (bit & 63)) & 1u;
    }

    // The first variant of `group` whose tokens equal text tokens [first, first + n) — exactly,
    // for case-sensitive aliases. `stem` compares only the part of a single token before its
    // trailing digits (and a trailing 'v': "YOLOv8").
    const Variant* verify(const Group& group, std::string_view text, const Tokens& toks,
                          std::size_t first, std::size_t n, std::size_t stem) const {
        for (const Variant& v : group.variants) {
            if (v.tokens.size() != n) {
                continue;
            }
            bool ok = true;
            for (std::size_t k = 0; k < n && ok; ++k) {
                const Token& t = toks[first + k];
                const Token& a = v.tokens[k];
                if (a.punct != 0 || t.punct != 0) {
                    ok = a.punct == t.punct;
                    continue;
                }
                if (stem == 0 && !v.case_sensitive) {
                    ok = a.hash == t.hash;  // the 64-bit hashes of the lower-cased words
                    continue;
                }
                std::size_t len = stem != 0 ? stem : t.end - t.begin;
                ok = a.end - a.begin == len &&
                     same_bytes(text.data() + t.begin, v.text.data() + a.begin, len,
                                v.case_sensitive);
            }
            if (ok) {
                return &v;
            }
        }
        return nullptr;
    }

    // Phase one: leftmost-longest alias matches in one scan over the tokens.
    // Also notes where a word may start one of kOthersLists (`others_at`), so that
    // drop_others_lists need not read every token again, where the object of a verb list
    // stands (`objects_at`, for add_shared_objects), and where a soft word stands (`soft_at`,
    // for mark_preferred).
    void match(std::string_view text, const Tokens& toks, std::vector<Candidate>& out,
               std::vector<std::uint32_t>& others_at, std::vector<std::uint32_t>& objects_at,
               std::vector<std::uint32_t>& soft_at) const {
        const std::size_t n = toks.size();
        // Which tokens may start a match, gathered without a branch per token: whether an
        // ordinary word passes the filter is a coin toss the branch predictor loses.
        thread_local std::vector<std::uint32_t> starts;
        starts.resize(n + 1);
        std::size_t count = 0;
        for (std::size_t k = 0; k < n; ++k) {
            starts[count] = static_cast<std::uint32_t>(k);
            count += static_cast<std::size_t>(maybe_first(toks[k].hash)) |
                     static_cast<std::size_t>(toks[k].stem_len != 0);
        }
        std::size_t i = 0;
        for (std::size_t si = 0; si < count; ++si) {
            if (starts[si] < i) {
                continue;  // inside the previous match
            }
            i = starts[si];
            const Token& t = toks[i];
            const Variant* best = nullptr;
            std::size_t best_len = 0;
            const bool first = maybe_first(t.hash);
            if (first) {
                // The phrases' first words are in the filter too (the constructor), so that
                // only words past it are looked at here.
                const std::uint64_t bit = t.hash >> 52;
                if (((others_filter[bit >> 6] >> (bit & 63)) & 1u) != 0) {
                    // "skills" is common; only a "Skills:" label is worth a note. The object
                    // of a verb list ("data") goes to add_shared_objects alone.
                    if (std::find(shared_objects.begin(), shared_objects.end(), t.hash) !=
                        shared_objects.end()) {
                        objects_at.push_back(static_cast<std::uint32_t>(i));
                    } else if (may_hold(soft_filter, t.hash) && in(soft_words, t)) {
                        soft_at.push_back(static_cast<std::uint32_t>(i));
                    } else if (t.hash != skills_hash ||
                               (t.capital && i + 1 < n && toks[i + 1].punct == ':')) {
                        others_at.push_back(static_cast<std::uint32_t>(i));
                    }
                }
                std::tie(best, best_len) = longest_alias(text, toks, i, n);
            }
            if (best == nullptr && t.stem_len != 0) {
                best = match_stem(text, toks, i);
                best_len = best != nullptr ? 1 : 0;
            }
            // No match starts inside a dotted name ("foo.js", "www.python.org", "videos.net"):
            // the text continues an identifier there; nor inside a web address's path
            // ("https://example.com/swagger/index.html"); nor ends before a domain
            // ("github.com"); nor at the tail of a contraction ("You don't test your work" is
            // no t-test). Checked only on a match: matches are rare.
            if (best != nullptr && i >= 1 &&
                ((!t.spaced && ((i >= 2 && toks[i - 1].punct == '.' && !toks[i - 1].spaced &&
                                 toks[i - 2].is_word()) ||
                                (t.punct == '.' && toks[i - 1].is_word()) ||
                                (i >= 2 && toks[i - 1].punct == '\'' && !toks[i - 1].spaced &&
                                 toks[i - 2].is_word() && in(contraction_tails, t)))) ||
                 in_address(text, toks, i))) {
                best = nullptr;
                best_len = 0;
            }
            if (best != nullptr && i + best_len + 1 < n && toks[i + best_len].punct == '.' &&
                !toks[i + best_len].spaced && !toks[i + best_len + 1].spaced &&
                contains(domain_ends, toks[i + best_len + 1].hash)) {
                best = nullptr;
                best_len = 0;
            }
            if (best != nullptr) {
                out.push_back({static_cast<std::uint32_t>(i),
                               static_cast<std::uint32_t>(i + best_len), best, State::Pending});
                i += best_len;
            } else {
                ++i;
            }
        }
    }

    // Whether token `i`, glued to the tokens before it, lies in a web address: the glued run
    // before it starts with "http(s):" or "www." or passes a domain's end (".com/").
    bool in_address(std::string_view text, const Tokens& toks, std::size_t i) const {
        constexpr std::size_t kMaxAddressTokens = 40;
        // Glued to the token before: no gap, or a joining hyphen
        // ("…/The-Guide-to-Email-Marketing").
        auto glued = [&](std::size_t k) {
            return !toks[k].spaced ||
                   (toks[k - 1].end + 1 == toks[k].begin && text[toks[k - 1].end] == '-');
        };
        for (std::size_t j = i; j > 0 && glued(j) && i - j < kMaxAddressTokens;) {
            --j;  // toks[j] is glued to toks[j + 1]
            const Token& t = toks[j];
            if (t.is_word() &&
                (t.hash == http_hash || t.hash == https_hash || t.hash == www_hash) &&
                (toks[j + 1].punct == ':' || toks[j + 1].punct == '.')) {
                return true;
            }
            // "example.com/": a name, a dot, a domain's end, a slash ("a .NET/C# developer" has
            // no name before the dot).
            if (t.punct == '/' && j >= 3 && !t.spaced && !toks[j - 1].spaced &&
                toks[j - 2].punct == '.' && !toks[j - 2].spaced && toks[j - 3].is_word() &&
                contains(domain_ends, toks[j - 1].hash)) {
                return true;
            }
        }
        return false;
    }

    // Whether the gap [from, to) between two tokens ends one list item and starts another: a
    // bullet ("Website • Speed to Raydium"), or a line break ("Website\nSpeed"). A name is not
    // spelled across either. Most gaps are one space.
    static bool item_break(std::string_view text, std::size_t from, std::size_t to) {
        for (std::size_t b = from; b < to; ++b) {
            const auto ch = static_cast<unsigned char>(text[b]);
            if (ch == '\n') {
                return true;
            }
            // U+2000..U+2BFF: bullets, arrows, check marks; the Unicode spaces among them
            // (U+2000..U+200A, U+202F) keep a name whole, as a no-break space (U+00A0) does, and
            // so do the hyphens that join words (U+2010, U+2011: "Server‑Sent Events").
            if (ch == 0xE2 && b + 2 < text.size()) {
                const auto b1 = static_cast<unsigned char>(text[b + 1]);
                const auto b2 = static_cast<unsigned char>(text[b + 2]);
                const bool space = b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xAF ||
                                                  b2 == 0x90 || b2 == 0x91);
                if (!space) {
                    return true;
                }
            }
        }
        return false;
    }

    // The longest alias that starts at token `i` and ends by token `end`, and its length
    // (nullptr, 0: none). Inlined into the match scan, its hot loop.
    __attribute__((always_inline)) std::pair<const Variant*, std::size_t> longest_alias(
        std::string_view text, const Tokens& toks, std::size_t i, std::size_t end) const {
        const Variant* best = nullptr;
        std::size_t best_len = 0;
        std::uint64_t h = toks[i].hash;
        std::size_t len = 1;
        const Slot* slot = find(h);
        while (slot != nullptr) {
            if (slot->group() != kNoGroup) {
                if (const Variant* v = verify(groups[slot->group()], text, toks, i, len, 0)) {
                    best = v;
                    best_len = len;
                }
            }
            if (!slot->is_prefix() || i + len >= end || len >= Taxonomy::kMaxAliasTokens) {
                break;
            }
            // "data" starts many aliases and many sentences: the filter settles most "data
            // <word>" pairs without touching the table, or reading the gap before the word.
            const Token& next = toks[i + len];
            if (!maybe_longer(h, next) || item_break(text, toks[i + len - 1].end, next.begin)) {
                break;
            }
            h = text_tokens::extend(h, next);
            ++len;
            slot = find(h);
        }
        return {best, best_len};
    }

    // Verbs that share their object with the verbs before them, though other words stand
    // between ("collect, clean, analyze, and visualize the data"; "extract, analyze, and
    // visualize complex datasets"), or a lone verb and its object with a determiner between
    // ("visualize the data"): each verb that spells an alias with the object ("clean data")
    // names that skill. The list is single words joined by commas and conjunctions, its last
    // verb at most two words before the object; no word of it is inside a match. Adds the
    // verbs as candidates, in text order, before confirm judges them like any other.
    void add_shared_objects(std::string_view text, const Tokens& toks,
                            const std::vector<std::uint32_t>& objects_at,
                            std::vector<Candidate>& cands) const {
        thread_local std::vector<Candidate> found;
        found.clear();
        std::size_t ci = 0;  // the first candidate that ends after the object
        // A one-word match that waits on its context ("analyze") may be one of the verbs.
        auto waiting_word = [](const Candidate& c) {
            return c.last == c.first + 1 && c.variant->conditional();
        };
        for (const std::size_t d : objects_at) {
            if (d == 0) {
                continue;
            }
            while (ci < cands.size() && cands[ci].last <= d) {
                ++ci;
            }
            if (ci < cands.size() && cands[ci].first <= d) {
                continue;  // the object is part of a match ("satellite data")
            }
            std::size_t before = ci;
            while (before > 0 && waiting_word(cands[before - 1])) {
                --before;
            }
            const std::size_t floor = before > 0 ? cands[before - 1].last : 0;
            // The last link within three words before the object; the words after it are the
            // last verb and the object's own words.
            std::size_t link = d;
            for (std::size_t k = d; k-- > floor && k + 4 > d;) {
                if (is_link(toks[k])) {
                    link = k;
                    break;
                }
                if (!toks[k].is_word()) {
                    break;
                }
            }
            auto spell = [&](std::size_t w) {
                const Variant* v = spelled(text, toks, toks[w].hash, w, w + 1, d, d + 1);
                if (v == nullptr || v->conditional()) {
                    return;
                }
                for (std::size_t k = before; k < ci; ++k) {
                    if (cands[k].first == w) {
                        cands[k].variant = v;  // the verb's own alias, now with its object
                        return;
                    }
                }
                if (std::none_of(found.begin(), found.end(),
                                 [w](const Candidate& c) { return c.first == w; })) {
                    found.push_back({static_cast<std::uint32_t>(w),
                                     static_cast<std::uint32_t>(w + 1), v, State::Pending});
                }
            };
            if (link == d || link + 1 >= d) {
                // No list: a lone verb, a determiner, the object.
                if (d >= floor + 2 && in(object_determiners, toks[d - 1]) &&
                    toks[d - 2].is_word()) {
                    spell(d - 2);
                }
                continue;
            }
            thread_local std::vector<std::size_t> items;
            items.assign(1, link + 1);
            // The items before, last to first: a word between links.
            for (std::size_t at = link;;) {
                if (is_conjunction(toks[at]) && at > floor && toks[at - 1].punct == ',') {
                    --at;  // ", and"
                }
                if (at < floor + 1 || !toks[at - 1].is_word()) {
                    break;
                }
                const std::size_t w = at - 1;
                items.push_back(w);
                if (w < floor + 1 || !is_link(toks[w - 1])) {
                    break;  // the list's first item
                }
                at = w - 1;
            }
            // After "of", an article or a verb that makes something, the list describes the
            // object: "the availability of clean, reliable, and well-structured data", "create
            // clean, reusable data assets" ask for no cleaning.
            const std::size_t first_item = items.back();
            if (first_item > 0 && in(adjective_openers, toks[first_item - 1])) {
                continue;
            }
            for (const std::size_t w : items) {
                spell(w);
            }
        }
        if (found.empty()) {
            return;
        }
        const auto by_first = [](const Candidate& a, const Candidate& b) {
            return a.first < b.first;
        };
        std::sort(found.begin(), found.end(), by_first);
        const std::size_t old = cands.size();
        cands.insert(cands.end(), found.begin(), found.end());
        std::inplace_merge(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(old),
                           cands.end(), by_first);
    }

    // Words coordinated with a match's first word share its head: "image and video
    // processing" also names image processing, "face, object and license plate detection" face
    // and object detection, "front- and back-end development" front-end work,
    // "supervised/unsupervised learning" both. Walks back from match `c` over "and", "or", "&",
    // "/" (then commas) to words not before token `from`, calling `found(word, variant)` for
    // each word that spells, with the head, an alias needing no context rule (its own not_prev
    // and not_next hold); stops at the first word that does not. The head is the longest end of
    // the match the first such word spells an alias with, and is kept for the words before it.
    template <typename Found>
    void shared_heads(std::string_view text, const Tokens& toks, const Candidate& c,
                      std::size_t from, Found found) const {
        std::size_t head = shareable_words(c);
        assert(head > 0 && "called for matches of two or more words");
        std::size_t next = c.first;  // the coordinated word after the link being read
        for (bool first_link = true;; first_link = false) {
            if (next < from + 2) {
                return;
            }
            std::size_t at = next - 1;
            const Token& link = toks[at];
            const bool conjunction = is_conjunction(link);
            if (!(conjunction || (!first_link && link.punct == ','))) {
                return;
            }
            bool listed = !conjunction;
            if (conjunction) {
                at = link_start(toks, at);
                if (at <= from) {
                    return;
                }
            }
            if (conjunction && at > from && toks[at - 1].punct == ',') {
                --at;  // "face, object, and pose detection"
                listed = true;
            }
            if (at <= from) {
                return;  // the comma opens the range: no word before it is ours
            }
            std::size_t word = at - 1;
            if (toks[word].punct == '-' && !toks[word].spaced && word > from &&
                toks[word - 1].is_word()) {
                --word;  // "front- and back-end"
            }
            if (word < from || !toks[word].is_word()) {
                return;
            }
            if (!maybe_first(toks[word].hash)) {
                return;  // the word starts no alias: most words
            }
            const Variant* v = nullptr;
            for (std::size_t k = head; k > 0 && v == nullptr; --k) {
                v = spelled(text, toks, toks[word].hash, word, word + 1, c.last - k, c.last);
                if (v != nullptr) {
                    head = k;
                } else if (!first_link) {
                    break;  // later words keep the head the first one found
                }
            }
            // An item of a comma list is the whole item: in "AI systems, and UX design" the word
            // "systems" is not one.
            if (v == nullptr || v->rule >= 0 || (listed && !phrase_edge(text, toks, word, false)) ||
                any_before(toks, word, v->not_prev) || any_after(toks, c.last, v->not_next)) {
                return;
            }
            if (v->skill != c.variant->skill) {
                found(word, v);
            }
            next = word;
        }
    }

    // The spans of match `c` and of the words coordinated with it, in text order; none reaches
    // into another match (tokens before `from` or from `until` on).
    __attribute__((noinline)) void add_coordinated(std::string_view text, const Tokens& toks,
                                                   const Candidate& c, std::size_t from,
                                                   std::size_t until,
                                                   std::vector<SkillSpan>& out) const {
        const auto& skills = taxonomy->skills();
        auto span = [&](std::size_t first, std::size_t last, const Variant* v) {
            return SkillSpan{skills[v->skill].id, toks[first].begin, toks[last - 1].end, c.role,
                             c.preferred};
        };
        const std::size_t at = out.size();
        shared_heads(text, toks, c, from, [&](std::size_t word, const Variant* v) {
            // Each word found is before the ones found already.
            out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), span(word, word + 1, v));
        });
        out.push_back(span(c.first, c.last, c.variant));
        shared_modifiers(text, toks, c, until, [&](std::size_t word, const Variant* v) {
            out.push_back(span(word, word + 1, v));
        });
    }

    // Whether match `c` may share its head or modifier with a word coordinated with it: a link
    // beside it and, past the link, a word that starts (before) or ends (after) an alias. Most
    // matches fail here without a call.
    __attribute__((always_inline)) bool may_share(const Tokens& toks, const Candidate& c,
                                                  std::size_t from, std::size_t until) const {
        std::size_t k = c.first;
        if (k >= from + 2 && is_link(toks[k - 1])) {
            const std::size_t link = link_start(toks, k - 1);
            if (link > from) {
                k = link - 1;
                k -= k > from && !toks[k].is_word() ? 1 : 0;  // ", and" or "front- and"
                if (maybe_first(toks[k].hash)) {
                    return true;
                }
            }
        }
        k = c.last;
        if (k + 1 < until && is_link(toks[k])) {
            k += toks[k].punct == ',' && is_link(toks[k + 1]) ? 1 : 0;
            k = link_end(toks, k);
            return k < until && maybe_last(toks[k].hash);
        }
        return false;
    }

    // Whether tokens [k, k + 3) spell "and/or", which coordinates like "and" or "or".
    bool and_or_at(const Tokens& toks, std::size_t k) const {
        return k + 2 < toks.size() && toks[k].hash == and_hash && toks[k + 1].punct == '/' &&
               toks[k + 2].hash == or_hash;
    }

    // The first token of the link that ends at token `k`, a link: "and/or" is one.
    std::size_t link_start(const Tokens& toks, std::size_t k) const {
        return k >= 2 && and_or_at(toks, k - 2) ? k - 2 : k;
    }

    // The token after the link that starts at token `k`, a link.
    std::size_t link_end(const Tokens& toks, std::size_t k) const {
        return and_or_at(toks, k) ? k + 3 : k + 1;
    }

    // Whether token `t` coordinates words: "and", "or", "&", "/".
    bool is_conjunction(const Token& t) const {
        return t.hash == and_hash || t.hash == or_hash || t.punct == '&' || t.punct == '/';
    }

    // Whether token `t` may link coordinated words: a conjunction or a list comma.
    bool is_link(const Token& t) const { return is_conjunction(t) || t.punct == ','; }

    // How many of match `c`'s words a coordinated word may share: all but one, and few enough
    // that the word and they make an alias's length.
    static std::size_t shareable_words(const Candidate& c) {
        return std::min<std::size_t>(c.last - c.first - 1, Taxonomy::kMaxAliasTokens - 1);
    }

    // Whether a noun phrase may end after token `k` (`after`) or start at it: at the text's
    // edge, at punctuation, at a bullet or line break, or beside a word of kPhraseEnds.
    bool phrase_edge(std::string_view text, const Tokens& toks, std::size_t k, bool after) const {
        if (after ? k + 1 >= toks.size() : k == 0) {
            return true;
        }
        const std::size_t other = after ? k + 1 : k - 1;
        if (!toks[other].is_word()) {
            return true;
        }
        const Token& left = toks[std::min(k, other)];
        const Token& right = toks[std::max(k, other)];
        for (std::size_t b = left.end; b < right.begin; ++b) {
            if (text[b] != ' ') {
                return true;
            }
        }
        return contains(phrase_ends, toks[other].hash);
    }

    // Words after a match that share its first words: "object detection and tracking" also
    // names object tracking, "data annotation and validation" data validation, "web design and
    // development" web development. Walks on from match `c` over "and", "or", "&", "/" and
    // commas to single words before token `until`, calling `found(word, variant)` for each word
    // that spells, after the match's modifier, an alias needing no context rule (its own
    // not_prev and not_next hold); stops at the first word that does not. The modifier is the
    // longest start of the match the first such word spells an alias with. Words after a comma
    // count only in a list a conjunction closes ("data cleaning, transformation and
    // visualization"), not in a list of other things ("data analysis, reporting, SQL").
    template <typename Found>
    void shared_modifiers(std::string_view text, const Tokens& toks, const Candidate& c,
                          std::size_t until, Found found) const {
        std::size_t modifier = shareable_words(c);
        assert(modifier > 0 && "called for matches of two or more words");
        // starts[k]: the hash of the match's first k + 1 tokens, once a word needs them.
        std::array<std::uint64_t, Taxonomy::kMaxAliasTokens> starts{};
        thread_local std::vector<std::pair<std::size_t, const Variant*>> pending;
        pending.clear();
        std::size_t at = c.last;  // the link to read
        for (bool first_link = true;; first_link = false) {
            bool conjunction = false;
            if (at < until && toks[at].punct == ',') {
                ++at;  // "cleaning, transformation", or the comma before "and"
            }
            if (at < until && is_conjunction(toks[at])) {
                conjunction = true;
                at = std::min(link_end(toks, at), until);
            } else if (at == c.last || toks[at - 1].punct != ',') {
                break;
            }
            const std::size_t word = at;
            if (word >= until || !toks[word].is_word()) {
                if (conjunction && word == until) {
                    // The conjunction closes the list on a match of its own: "Microsoft
                    // Excel, Word, and Outlook".
                    for (const auto& [w, variant] : pending) {
                        found(w, variant);
                    }
                }
                break;
            }
            const Variant* v = nullptr;
            // Most words end no alias, and the filter settles them.
            if (maybe_last(toks[word].hash)) {
                if (starts[0] == 0) {
                    starts[0] = toks[c.first].hash;
                    for (std::size_t k = 1; k < modifier; ++k) {
                        starts[k] = text_tokens::extend(starts[k - 1], toks[c.first + k]);
                    }
                }
                for (std::size_t k = modifier; k > 0 && v == nullptr; --k) {
                    v = spelled(text, toks, starts[k - 1], c.first, c.first + k, word, word + 1);
                    if (v != nullptr) {
                        modifier = k;
                    } else if (!first_link) {
                        break;  // later words keep the modifier the first one found
                    }
                }
            }
            if (v == nullptr) {
                if (conjunction) {
                    // The conjunction closes the list on a word of its own: "model
                    // validation, monitoring, and rollback strategies" — also where the word
                    // ends some other alias ("learning").
                    for (const auto& [w, variant] : pending) {
                        found(w, variant);
                    }
                }
                break;
            }
            if (v->rule >= 0 || !phrase_edge(text, toks, word, true) ||
                any_before(toks, c.first, v->not_prev) || any_after(toks, word + 1, v->not_next)) {
                break;
            }
            pending.emplace_back(word, v);
            if (conjunction) {
                for (const auto& [w, variant] : pending) {
                    found(w, variant);
                }
                pending.clear();
            }
            at = word + 1;
        }
    }

    // The variant whose tokens are tokens [a, a_end) followed by tokens [b, b_end), if any
    // (two tokens or more); `prefix` is the hash of tokens [a, a_end).
    const Variant* spelled(std::string_view text, const Tokens& toks, std::uint64_t prefix,
                           std::size_t a, std::size_t a_end, std::size_t b,
                           std::size_t b_end) const {
        std::uint64_t h = prefix;
        for (std::size_t k = b; k + 1 < b_end; ++k) {
            h = text_tokens::extend(h, toks[k]);
        }
        const Slot* slot = maybe_longer(h, toks[b_end - 1])
                               ? find(text_tokens::extend(h, toks[b_end - 1]))
                               : nullptr;
        if (slot == nullptr || slot->group() == kNoGroup) {
            return nullptr;
        }
        thread_local Tokens joined;
        joined.assign(toks.begin() + static_cast<std::ptrdiff_t>(a),
                      toks.begin() + static_cast<std::ptrdiff_t>(a_end));
        joined.insert(joined.end(), toks.begin() + static_cast<std::ptrdiff_t>(b),
                      toks.begin() + static_cast<std::ptrdiff_t>(b_end));
        return verify(groups[slot->group()], text, joined, 0, joined.size(), 0);
    }

    // "python3", "opencv4", "resnet50", "YOLOv8": a one-token alias followed by a version.
    const Variant* match_stem(std::string_view text, const Tokens& toks, std::size_t i) const {
        const Token& t = toks[i];
        std::size_t stem = t.stem_len;
        std::string_view word = text.substr(t.begin, stem);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const Slot* slot = find(text_tokens::hash_lower(word));
            if (slot != nullptr && slot->group() != kNoGroup) {
                if (const Variant* v = verify(groups[slot->group()], text, toks, i, 1, stem)) {
                    return v;
                }
            }
            if (stem < 4 || text_tokens::lower(word.back()) != 'v') {
                break;
            }
            --stem;
            word.remove_suffix(1);
        }
        return nullptr;
    }

    static bool phrase_before(const Tokens& toks, std::size_t first, const Phrase& p) {
        std::size_t k = p.hashes.size();
        if (k > first) {
            return false;
        }
        for (std::size_t m = 0; m < k; ++m) {
            if (toks[first - k + m].hash != p.hashes[m]) {
                return false;
            }
        }
        return true;
    }

    static bool phrase_after(const Tokens& toks, std::size_t last, const Phrase& p) {
        std::size_t k = p.hashes.size();
        if (last + k > toks.size()) {
            return false;
        }
        for (std::size_t m = 0; m < k; ++m) {
            if (toks[last + m].hash != p.hashes[m]) {
                return false;
            }
        }
        return true;
    }

    static bool any_before(const Tokens& toks, std::size_t first, const PhraseList& ps) {
        if (first == 0) {
            return ps.has_empty();
        }
        const std::uint64_t word = toks[first - 1].hash;
        if ((ps.last_bits & bit_of(word)) == 0) {
            return false;
        }
        return ps.any_at(
            PhraseList::Edge::Last, word,
            [&](const Phrase& p) { return phrase_before(toks, first, p); },
            first >= 2 ? toks[first - 2].hash : 0);
    }

    static bool any_after(const Tokens& toks, std::size_t last, const PhraseList& ps) {
        if (last >= toks.size()) {
            return ps.has_empty();
        }
        const std::uint64_t word = toks[last].hash;
        if ((ps.first_bits & bit_of(word)) == 0) {
            return false;
        }
        return ps.any_at(
            PhraseList::Edge::First, word,
            [&](const Phrase& p) { return phrase_after(toks, last, p); },
            last + 1 < toks.size() ? toks[last + 1].hash : 0);
    }

    // A word from `words` within `window` words of the candidate, in its sentence. The "edge"
    // of "cutting-edge", "leading-edge" and "bleeding-edge" is praise, not the edge devices a
    // context rule means ("deploy cutting-edge LLMs" deploys models).
    bool word_near(const Tokens& toks, const Candidate& c, int window,
                   const WordList& words) const {
        if (words.empty()) {
            return false;
        }
        auto hit = [&](std::size_t j) {
            const Token& t = toks[j];
            if (!words.maybe(t.hash) || !t.is_word() || !contains(words, t.hash)) {
                return false;
            }
            return t.hash != edge_hash || j == 0 ||
                   std::find(figurative_edges.begin(), figurative_edges.end(), toks[j - 1].hash) ==
                       figurative_edges.end();
        };
        const Token& head = toks[c.first];
        for (std::size_t j = c.first; j-- > 0;) {
            const Token& t = toks[j];
            if (t.sentence != head.sentence ||
                head.word_index - t.word_index > static_cast<std::uint32_t>(window)) {
                break;
            }
            if (hit(j)) {
                return true;
            }
        }
        const Token& tail = toks[c.last - 1];
        for (std::size_t j = c.last; j < toks.size(); ++j) {
            const Token& t = toks[j];
            if (t.sentence != tail.sentence ||
                t.word_index - tail.word_index > static_cast<std::uint32_t>(window)) {
                break;
            }
            if (hit(j)) {
                return true;
            }
        }
        return false;
    }

    // An accepted candidate of a counted category within `window` words, in the same sentence,
    // whose alias needs no context rule: a word that needed its context itself ("Spark" in
    // "Spark Street") must not confirm another ("Go" in "Go-Karts").
    bool skill_near(const Tokens& toks, const std::vector<Candidate>& cands, std::size_t ci,
                    const CompiledRule& rule) const {
        const Candidate& c = cands[ci];
        const Token& head = toks[c.first];
        const Token& tail = toks[c.last - 1];
        // A role alias ("data engineers") names people, not a skill that confirms another.
        auto counts = [&](const Candidate& o) {
            return o.state == State::Accepted && o.variant->rule < 0 && !o.variant->role &&
                   o.variant->skill != c.variant->skill &&
                   (rule.near_category.empty() || rule.near_category[o.variant->category]);
        };
        auto limit = static_cast<std::uint32_t>(rule.window);
        for (std::size_t j = ci; j-- > 0;) {
            const Token& t = toks[cands[j].last - 1];
            if (t.sentence != head.sentence || head.word_index - t.word_index > limit) {
                break;
            }
            if (counts(cands[j])) {
                return true;
            }
        }
        for (std::size_t j = ci + 1; j < cands.size(); ++j) {
            const Token& t = toks[cands[j].first];
            if (t.sentence != tail.sentence || t.word_index - tail.word_index > limit) {
                break;
            }
            if (counts(cands[j])) {
                return true;
            }
        }
        return false;
    }

    // "degree (or equivalent) in": a bracketed aside between a study prefix's head and its "in"
    // at toks[in].
    bool bracketed_study(const Tokens& toks, std::size_t in) const {
        if (toks[in].hash != in_hash || in < 3 || toks[in - 1].punct != ')') {
            return false;
        }
        // Up to "(Master's or Ph.D.)": a dozen tokens.
        for (std::size_t k = in - 1; k-- > 0 && k + 13 > in;) {
            if (toks[k].punct == '(') {
                return any_before(toks, k, study_heads);
            }
        }
        return false;
    }

    // A study prefix ("degree in") right before candidate `ci`, or before the list it is in:
    // items separated by glue, each a skill or one to three capitalised words ("degree in
    // Computer Science, Statistics or Mathematics"). `studied` holds the answer for the
    // candidates before `ci`: the walk back stops at the first one it reaches and takes its
    // answer, so a long list ("Python, SQL, Docker, ...") costs one step per item, not a walk
    // over the whole list per item.
    bool after_study_prefix(const Tokens& toks, const std::vector<Candidate>& cands,
                            const std::vector<char>& studied, std::size_t ci) const {
        std::size_t first = cands[ci].first;
        // "degree in Geographic Information Systems (GIS)": the abbreviation of a field of
        // study is that field.
        if (ci > 0 && first > 0 && toks[first - 1].punct == '(' &&
            cands[ci - 1].last == first - 1 && studied[ci - 1] != 0) {
            return true;
        }
        std::size_t previous = ci;  // candidates before this one not yet stepped over
        bool after_glue = false;
        while (first > 0) {
            // Every study prefix ends in one of a few words ("in", "studying"): checked first,
            // since this runs for every match.
            const Token& t = toks[first - 1];
            const bool listed = maybe_study(t.hash);  // most words are neither
            if (listed && contains(study_prefix_ends, t.hash) &&
                (any_before(toks, first, study_prefixes) || bracketed_study(toks, first - 1))) {
                return true;
            }
            if (listed && contains(list_glue, t.hash)) {
                --first;
                after_glue = true;
                continue;
            }
            while (previous > 0 && cands[previous - 1].first >= first) {
                --previous;  // candidates inside the words stepped over
            }
            if (previous > 0 && cands[previous - 1].last == first) {
                return studied[previous - 1] != 0;
            }
            if (!after_glue || !t.is_word()) {
                return false;
            }
            // An item that is no skill: one to three capitalised words, or one or two of any
            // case ("degree in computer science, engineering, mathematics").
            if (t.capital) {
                for (int words = 0; words < 3 && first > 0 && toks[first - 1].capital; ++words) {
                    --first;
                }
            } else {
                for (int words = 0; words < 2 && first > 0 && toks[first - 1].is_word() &&
                                    !contains(list_glue, toks[first - 1].hash);
                     ++words) {
                    --first;
                }
            }
            after_glue = false;
        }
        return false;
    }

    // Whether the word at `k` modifies the word after it ("team standards", "DevOps
    // practices"): a word follows that is neither list glue nor one of the words that end a
    // phrase ("teams to", "DevOps on").
    bool modifies_next(const Tokens& toks, std::size_t k) const {
        if (k + 1 >= toks.size()) {
            return false;
        }
        const Token& next = toks[k + 1];
        return next.is_word() && !contains(list_glue, next.hash) && !in(partner_followers, next);
    }

    // A role or team name: an accepted field that names roles, followed by a role noun, directly
    // or after the rest of a list ("PM, Design, Data Science, and Frontend engineers"); any
    // other field in a list that ends in a team noun (kTeamNouns).
    void mark_roles(const Tokens& toks, std::vector<Candidate>& cands) const {
        for (std::size_t ci = 0; ci < cands.size(); ++ci) {
            Candidate& c = cands[ci];
            if (c.state == State::Accepted && c.variant->role) {
                c.role = true;  // "Data Scientist": the alias names the person
                continue;
            }
            if (c.state != State::Accepted || (c.variant->tool && !c.variant->names_roles)) {
                continue;
            }
            // Other fields only as items of a list (checked first: most fields are in none).
            auto glue = [&](std::size_t k) {
                return k < toks.size() && maybe_role(toks[k].hash) &&
                       contains(list_glue, toks[k].hash);
            };
            if (!c.variant->names_roles && !(c.first > 0 && glue(c.first - 1)) && !glue(c.last)) {
                continue;
            }
            const std::vector<std::uint64_t>& nouns =
                c.variant->names_roles ? role_nouns : team_nouns;
            std::size_t k = c.last;
            std::size_t next = ci + 1;
            int capitalised_run = 0;
            // A role noun names the list's items only right after one: in "QA or developer
            // background" the noun is an item of its own.
            bool after_item = true;
            bool after_kind = false;  // the last word was list glue naming a kind ("similar")
            for (int steps = 0; steps < 16 && k < toks.size(); ++steps) {
                const Token& t = toks[k];
                // Role nouns and list glue pass the filter; most words do not.
                const bool listed = maybe_role(t.hash);
                const bool kind_before = after_kind;
                after_kind = false;
                // "DevOps, SRE, or a similar role": the noun after a kind word names the list's
                // items too.
                if ((after_item || kind_before) && listed && t.is_word() &&
                    contains(nouns, t.hash)) {
                    c.role = true;
                    break;
                }
                while (next < cands.size() && cands[next].first < k) {
                    ++next;
                }
                if (next < cands.size() && cands[next].first == k) {
                    // A role alias ends in its own role noun: "ML/Data Scientist" names two
                    // roles, as "ML/Data Science engineer" does.
                    const Candidate& item = cands[next];
                    if (item.variant->role && item.state == State::Accepted &&
                        contains(nouns, toks[item.last - 1].hash)) {
                        c.role = true;
                        break;
                    }
                    k = item.last;  // another item of the list
                    capitalised_run = 0;
                    after_item = true;
                    continue;
                }
                if (listed && contains(list_glue, t.hash)) {
                    after_kind = in(kind_words, t);
                    ++k;
                    capitalised_run = 0;
                    after_item = false;
                    continue;
                }
                // An item that is no skill ("Design", "Marketing"); never a capitalised pronoun
                // or article, which starts a phrase of its own ("… processing Our team …"). A
                // role's qualifier counts the same ("full-stack product engineer").
                if ((name_word(t) || (t.is_word() && in(role_qualifiers, t))) &&
                    ++capitalised_run <= 2) {
                    ++k;
                    after_item = true;
                    continue;
                }
                // A lower-case item right before the noun: "security engineering and operations
                // teams" — the noun ending the phrase, not modifying the next word ("code
                // reviews, and follow team standards").
                if (!after_item && t.is_word() && k + 1 < toks.size() &&
                    maybe_role(toks[k + 1].hash) && contains(nouns, toks[k + 1].hash) &&
                    !modifies_next(toks, k + 1)) {
                    ++k;
                    after_item = true;
                    continue;
                }
                break;
            }
        }
    }

    // Whether a skill's name among cands[0, upto) ends at token `end` ("Google Tag Manager").
    static bool ends_name(const std::vector<Candidate>& cands, std::size_t upto, std::size_t end) {
        for (std::size_t j = upto; j-- > 0 && cands[j].last >= end;) {
            if (cands[j].last == end && cands[j].state == State::Accepted && !cands[j].role) {
                return true;
            }
        }
        return false;
    }

    // A field that names roles written after a role as its specialisation, ending its phrase:
    // "Software Engineer, Backend", "Software Engineer (Java/Backend)", "Sr Software Engineer -
    // Frontend" are roles like "Backend Engineer"; the other items of such a list keep their
    // skills ("Java"). "A developer, backend experience a plus" is no role.
    void mark_role_specialisations(std::string_view text, const Tokens& toks,
                                   std::vector<Candidate>& cands) const {
        for (std::size_t ci = 0; ci < cands.size(); ++ci) {
            Candidate& c = cands[ci];
            if (c.state != State::Accepted || !c.variant->names_roles || c.role || c.first < 2) {
                continue;
            }
            if (c.last < toks.size() && toks[c.last].is_word() &&
                !line_break_before(text, toks, c.last)) {
                continue;
            }
            std::size_t k = c.first;
            std::size_t prev = ci;
            for (int steps = 0; steps < 8 && k >= 2; ++steps) {
                const Token& t = toks[k - 1];
                if (t.punct == '(' || t.punct == '-' || t.punct == ',') {
                    // "Manager" of "Google Tag Manager, Data Analysis" is part of a name.
                    if (in(role_nouns, toks[k - 2]) && !ends_name(cands, prev, k - 1)) {
                        c.role = true;
                        break;
                    }
                    if (t.punct != ',') {
                        break;
                    }
                }
                if (prev > 0 && cands[prev - 1].last == k) {
                    k = cands[--prev].first;  // another item of the list
                } else if (t.punct == '/' || t.punct == '&' || t.punct == ',' || name_word(t)) {
                    --k;
                } else {
                    break;
                }
            }
        }
    }

    // Whether a phrase of kTeamListOpeners ends right before token k.
    bool team_list_opens(const Tokens& toks, std::size_t k) const {
        return std::any_of(team_list_openers.begin(), team_list_openers.end(),
                           [&](const Phrase& p) { return phrase_before(toks, k, p); });
    }

    // Whether a list opened by kTeamListOpeners leads up to token `first` over items that name
    // no skill: "hiring across Backend, Infrastructure, and Frontend", "roles across product
    // development, data science, and security". Items are runs of at most three words between
    // the list's glue; a longer run is a clause, not an item ("roles across the company to
    // build backend services").
    bool team_list_before(const Tokens& toks, std::size_t first) const {
        constexpr std::size_t kMaxItemWords = 3;
        constexpr std::size_t kMaxTokens = 24;
        std::size_t words = 0;
        for (std::size_t k = first; k > 0 && first - k < kMaxTokens; --k) {
            if (team_list_opens(toks, k)) {
                return true;
            }
            const Token& t = toks[k - 1];
            if (t.sentence != toks[first].sentence) {
                return false;
            }
            if (contains(list_glue, t.hash)) {
                words = 0;
            } else if (!t.is_word() || ++words > kMaxItemWords) {
                return false;
            }
        }
        return false;
    }

    // A field that names roles, listed among departments after "with": colleagues, not an asked
    // skill ("Collaborate with PM, Design and Data Science"); or listed after "teams, including"
    // (kTeamListOpeners), where every item is a team. The list is walked both ways.
    void mark_department_lists(const Tokens& toks, std::vector<Candidate>& cands) const {
        auto glue = [&](const Token& t) {
            return maybe_role(t.hash) && contains(list_glue, t.hash);
        };
        for (std::size_t ci = 0; ci < cands.size(); ++ci) {
            Candidate& c = cands[ci];
            if (c.state != State::Accepted || !c.variant->names_roles || c.role) {
                continue;
            }
            // Only as an item of a list (checked first: most fields are in none).
            if (!(c.first > 0 && glue(toks[c.first - 1])) &&
                !(c.last < toks.size() && glue(toks[c.last]))) {
                continue;
            }
            bool department = false;
            std::size_t k = c.first;
            std::size_t prev = ci;
            for (int steps = 0; steps < 16 && k > 0; ++steps) {
                const Token& t = toks[k - 1];
                if (prev > 0 && cands[prev - 1].last == k) {
                    k = cands[--prev].first;  // another item
                } else if (glue(t)) {
                    --k;
                } else if (in(departments, t)) {
                    department = true;
                    --k;
                } else {
                    break;
                }
            }
            const bool teams = team_list_opens(toks, k) || team_list_before(toks, c.first);
            if (!teams && (k == 0 || !in(with_words, toks[k - 1]))) {
                continue;
            }
            department = department || teams;
            std::size_t next = ci + 1;
            k = c.last;
            for (int steps = 0; steps < 16 && k < toks.size() && !department; ++steps) {
                const Token& t = toks[k];
                if (next < cands.size() && cands[next].first == k) {
                    k = cands[next++].last;
                } else if (glue(t)) {
                    ++k;
                } else if (in(departments, t)) {
                    department = true;
                } else {
                    break;
                }
            }
            c.role = department;
        }
    }

    // A field before people in the plural that the sentence works with, earlier in it: the
    // colleagues' speciality, not the hire's ("coordinate with our team of back-end developers",
    // "work closely with our designers, product owners, and backend engineers"). "Backend
    // developers with Go" hires them; "with" must come first.
    void mark_colleagues(const Tokens& toks, std::vector<Candidate>& cands) const {
        constexpr std::uint32_t kWindow = 12;  // words back from the field to "with"
        auto people = [&](const Token& t) {
            return may_hold(colleague_filter, t.hash) && in(colleague_nouns, t);
        };
        // The people right after the field, after one more word ("the Flutter client team"),
        // or after "and"/"or" and one more word ("ML and data engineers").
        auto before_people = [&](const Candidate& c) {
            if (people(toks[c.last])) {
                return true;
            }
            const Token& next = toks[c.last];
            if (c.last + 1 < toks.size() && next.is_word() && next.hash != and_hash &&
                next.hash != or_hash && people(toks[c.last + 1])) {
                return true;
            }
            return (next.hash == and_hash || next.hash == or_hash) && c.last + 2 < toks.size() &&
                   toks[c.last + 1].is_word() && people(toks[c.last + 2]);
        };
        // Or the people right before a field (not a tool, nor a design tool: "designers in
        // Figma" is where the hire meets them), and the list it opens: "alongside leading
        // experts across machine learning and robotics".
        // Where the people stand, or kNoPeople: "experts across machine learning", and
        // "scientists with expertise in information retrieval" (set 80; kUsingWords name what
        // they bring).
        constexpr std::size_t kNoPeople = static_cast<std::size_t>(-1);
        auto after_people = [&](const Candidate& c) -> std::size_t {
            if (c.variant->tool || c.variant->category == design_category) {
                return kNoPeople;
            }
            // The people first: a filter settles nearly every candidate.
            if (c.first >= 2 && people(toks[c.first - 2]) &&
                in(colleague_links, toks[c.first - 1])) {
                return c.first - 2;
            }
            if (c.first >= 4 && toks[c.first - 1].hash == in_hash &&
                toks[c.first - 3].hash == with_hash && people(toks[c.first - 4]) &&
                in(using_words, toks[c.first - 2])) {
                return c.first - 4;
            }
            return kNoPeople;
        };
        bool listing = false;  // the last candidate was a colleague's field from after_people
        std::size_t listed_end = 0;
        for (Candidate& c : cands) {
            if (c.state != State::Accepted || c.role) {
                listing = false;
                continue;
            }
            if (listing && links_only(toks, listed_end, c.first)) {
                c.role = true;
                listed_end = c.last;
                continue;
            }
            listing = false;
            const std::size_t people_at = after_people(c);
            const bool after = people_at != kNoPeople;
            if (!after && (c.last >= toks.size() || !before_people(c))) {
                continue;
            }
            const Token& head = toks[after ? people_at : c.first];
            for (std::size_t j = after ? people_at : c.first; j-- > 0;) {
                const Token& t = toks[j];
                if (t.sentence != head.sentence || head.word_index - t.word_index > kWindow) {
                    break;
                }
                if (in(with_words, t)) {
                    c.role = true;
                    listing = after;
                    listed_end = c.last;
                    break;
                }
            }
        }
    }

    // Whether every word of a match starts with a capital ("Financial Reporting").
    static bool title_case(const Tokens& toks, const Candidate& c) {
        for (std::size_t k = c.first; k < c.last; ++k) {
            if (toks[k].is_word() && !toks[k].capital) {
                return false;
            }
        }
        return true;
    }

    // A field that names roles right after "<work> [closely] with [the]" (or ending a short list
    // there), and not followed by a word that it modifies: the group the hire works with
    // ("collaborate cross-functionally with product stakeholders and DevOps", "work closely with
    // DevOps to deploy"). "Experience with DevOps" and "work with DevOps practices" keep the skill.
    void mark_partners(const Tokens& toks, std::vector<Candidate>& cands) const {
        for (Candidate& c : cands) {
            // Fields that name roles, and other fields written as a department's name
            // ("partner with Accounting/Financial Reporting"); never a tool ("work with React").
            const bool department = !c.variant->names_roles;
            if (c.state != State::Accepted || c.role || c.first < 2 ||
                (department && (c.variant->tool || !title_case(toks, c)))) {
                continue;
            }
            if (modifies_next(toks, c.last - 1) || in(tool_words, toks[c.last - 1])) {
                continue;  // "DevOps practices", "BI tools": the field names the work
            }
            // Back to "with" over fillers, or over the list the field ends ("with product
            // stakeholders and DevOps"): at most a few words.
            std::size_t k = c.first;
            for (int words = 0; k > 0 && !in(with_words, toks[k - 1]); --k) {
                const Token& t = toks[k - 1];
                const bool glue = contains(list_glue, t.hash);
                // A department is listed among other names ("with Accounting/Financial
                // Reporting"), not reached over other words ("with designers in Figma").
                if (t.sentence != toks[c.first].sentence || (!glue && ++words > 4) ||
                    (department && !glue && !t.capital)) {
                    break;
                }
            }
            if (k == 0 || !in(with_words, toks[k - 1])) {
                continue;
            }
            --k;
            const std::size_t with_at = k;
            while (k > 0 && in(partner_fillers, toks[k - 1])) {
                --k;
            }
            if (department && k == with_at && k > 0 && in(work_verbs, toks[k - 1])) {
                continue;  // "work with Kafka": a tool in use
            }
            if (k > 0 && in(partner_verbs, toks[k - 1]) &&
                (k < 2 || !in(using_words, toks[k - 2]))) {
                c.role = true;
            }
        }
    }

    // The tools in brackets after a colleague's role are that colleague's: "work alongside the
    // iOS lead (Swift/CoreML), Android lead (Kotlin/MediaPipe)" asks for none of them (set 81).
    // Only after "with"/"alongside" earlier in the sentence: a title's "Backend Developer
    // (Python, Django)" names the hire's own stack.
    void mark_colleague_stacks(const Tokens& toks, std::vector<Candidate>& cands) const {
        constexpr std::size_t kMaxReach = 16;  // tokens from "with" to the role
        for (std::size_t ci = 0; ci < cands.size(); ++ci) {
            const Candidate& c = cands[ci];
            const std::size_t open = c.last + 1;  // after the field and its role noun
            if (!c.role || open >= toks.size() || toks[open].punct != '(' ||
                !in(role_nouns, toks[c.last])) {
                continue;
            }
            bool with = false;
            for (std::size_t k = c.first; k > 0 && c.first - k < kMaxReach; --k) {
                if (toks[k - 1].sentence != toks[c.first].sentence) {
                    break;
                }
                with = with || in(with_words, toks[k - 1]);
            }
            if (!with) {
                continue;
            }
            // The bracket's end: its ")", or where another opens, or the sentence's end.
            std::size_t close = open + 1;
            while (close < toks.size() && toks[close].punct != ')' && toks[close].punct != '(' &&
                   toks[close].sentence == toks[open].sentence) {
                ++close;
            }
            for (std::size_t j = ci + 1; j < cands.size() && cands[j].first < close; ++j) {
                if (cands[j].first > open) {
                    cands[j].role = true;
                }
            }
        }
    }

    // Whether a line break stands between token k - 1 and token k.
    static bool line_break_before(std::string_view text, const Tokens& toks, std::size_t k) {
        const std::size_t gap = toks[k].begin - toks[k - 1].end;
        if (gap <= 1) {
            return gap == 1 && text[toks[k - 1].end] == '\n';  // most gaps: one space or none
        }
        return text.substr(toks[k - 1].end, gap).find('\n') != std::string_view::npos;
    }

    // Where a heading may stand: at the start, after a line break, or after punctuation that
    // ends a sentence or a label; written with a capital, and followed by ':', a dash, a
    // bullet, a question mark ("Our mission? Making banking easy"), a capitalised word or the
    // end. Markdown's bold ("**Requirements**") counts as the heading's own.
    // A heading that says where before its colon, in a few words that end its line: "What
    // you'll do at UiPath:", "What you'll bring to the team:" (set 71: after "Life at UiPath",
    // the company's section ran to the end and took every duty with it).
    static bool qualified_heading(std::string_view text, const Tokens& toks, std::size_t after) {
        constexpr std::size_t kMaxWords = 4;
        static const std::array<std::uint64_t, 4> kLinks = {
            text_tokens::hash_lower("at"), text_tokens::hash_lower("to"),
            text_tokens::hash_lower("in"), text_tokens::hash_lower("for")};
        if (after >= toks.size() ||
            std::find(kLinks.begin(), kLinks.end(), toks[after].hash) == kLinks.end()) {
            return false;
        }
        for (std::size_t j = after + 1; j < toks.size() && j <= after + kMaxWords; ++j) {
            if (toks[j].punct == ':') {
                const std::size_t next = j + 1 < toks.size() ? toks[j + 1].begin : text.size();
                return next == text.size() || line_break_before(text, toks, j + 1);
            }
            if (!toks[j].is_word()) {
                return false;
            }
        }
        return false;
    }

    static bool heading_at(std::string_view text, const Tokens& toks, std::size_t k,
                           std::size_t length) {
        if (!toks[k].capital) {
            return false;
        }
        const std::size_t after = k + length;
        // A bullet may follow ('-', '*'), and so may the asterisks closing a bold heading.
        const bool ends = after >= toks.size() || toks[after].punct == ':' ||
                          toks[after].punct == '-' || toks[after].punct == '*' ||
                          toks[after].punct == '?' || toks[after].capital;
        if (!ends) {
            return qualified_heading(text, toks, after);
        }
        std::size_t start = k;  // where the heading stands: before its opening asterisks
        while (start > 0 && k - start < 2 && toks[start - 1].punct == '*' && !toks[start].spaced) {
            --start;
        }
        if (start == 0 || (after < toks.size() && toks[after].punct == ':')) {
            return true;
        }
        const Token& p = toks[start - 1];
        if (p.punct != 0 && std::string_view(".!?:|)").find(p.punct) != std::string_view::npos) {
            return true;
        }
        // A line break escaped twice by the feed arrives as the two characters "\n".
        if (p.end >= 2 && text.substr(p.end - 2, 2) == "\\n") {
            return true;
        }
        return line_break_before(text, toks, start);
    }

    // "Why Acme?", "Who is Acme?" or "What is Acme Cloud?": a heading that opens the company's
    // pitch, wherever it stands (the question mark marks it). Returns its length in tokens (0:
    // none) and where the name starts.
    std::pair<std::size_t, std::size_t> question_heading(const Tokens& toks, std::size_t k) const {
        auto capitalised = [&](std::size_t i) { return i < toks.size() && toks[i].capital; };
        if (!capitalised(k) ||
            (toks[k].hash != why_hash && toks[k].hash != who_hash && toks[k].hash != what_hash)) {
            return {0, 0};
        }
        std::size_t name = k + 1;
        if (toks[k].hash != why_hash) {
            if (name >= toks.size() || toks[name].hash != is_hash) {
                return {0, 0};
            }
            ++name;
        }
        std::size_t end = name;
        while (end < name + 3 && end < toks.size() && name_word(toks[end])) {
            ++end;
        }
        if (end == name || end >= toks.size() || toks[end].punct != '?') {
            return {0, 0};
        }
        return {end + 1 - k, name};
    }

    // What drop_company_sections read.
    struct Sections {
        // Where the first job heading starts (the token count when none is seen before the
        // last field).
        std::size_t first_job = 0;
        // Whether an "About <Name>" heading opened with other words ("A bit about Datadog:"),
        // which drop_company_names does not look for on its own.
        bool opened_about = false;
    };

    // Drops the fields (skills of no tool category) named inside the company's own sections.
    Sections drop_company_sections(std::string_view text, const Tokens& toks,
                                   std::vector<Candidate>& cands) const {
        std::size_t first_job = toks.size();
        bool opened_about = false;
        // Only the text up to the last field matters: the scan stops there.
        std::size_t end = 0;
        for (const Candidate& c : cands) {
            if (c.state == State::Accepted && !c.variant->tool) {
                end = c.first + 1;
            }
        }
        bool company = false;
        std::size_t ci = 0;
        // Candidates before token `upto` lie in the section now open.
        auto settle = [&](std::size_t upto) {
            for (; ci < cands.size() && cands[ci].first < upto; ++ci) {
                cands[ci].company = company;
                if (company && cands[ci].state == State::Accepted && !cands[ci].variant->tool) {
                    cands[ci].state = State::Rejected;
                }
            }
        };
        // The company's pitch ("About Acme", "Why Acme?") ends where the text turns to the
        // hire ("you will", "you'll", "we are looking for", "we're hiring", "we need", "we
        // seek") even under no heading the scan knows ("HOW YOU'LL MAKE AN IMPACT"); a benefits
        // section does not ("You'll get a laptop").
        bool pitch = false;
        std::size_t opened = 0;
        auto hiring = [&](std::size_t k) {
            return k < toks.size() && in(hiring_after_we_are, toks[k]);
        };
        auto close_pitch = [&](std::size_t upto) {
            for (std::size_t k = opened; company && pitch && k + 1 < upto; ++k) {
                const Token& t = toks[k];
                const Token& n = toks[k + 1];
                const bool apostrophe = n.punct == '\'' && k + 2 < toks.size();
                if (t.hash == you_ll_hash ||
                    (t.hash == you_hash &&
                     (n.hash == will_hash || (apostrophe && toks[k + 2].hash == ll_hash))) ||
                    (t.hash == we_re_hash && hiring(k + 1)) ||
                    (t.hash == we_hash &&
                     (in(hiring_after_we, n) || (n.hash == are_hash && hiring(k + 2)) ||
                      (apostrophe && toks[k + 2].hash == re_hash && hiring(k + 3))))) {
                    settle(k);
                    company = false;
                    first_job = std::min(first_job, k);
                }
            }
        };
        // Capitalised words that pass the filter, collected without a branch per token: which
        // words pass is unpredictable, and a mispredicted branch per common word ("The", "In")
        // cost more than the loads.
        thread_local std::vector<std::uint32_t> starts_at;
        starts_at.resize(end + 1);
        std::size_t count = 0;
        for (std::size_t k = 0; k < end; ++k) {
            const Token& t = toks[k];
            const std::uint64_t bit = t.hash >> 52;
            starts_at[count] = static_cast<std::uint32_t>(k);
            count += ((heading_filter[bit >> 6] >> (bit & 63)) & 1u) &
                     static_cast<std::uint64_t>(t.capital);
        }
        std::size_t next = 0;  // the first token not yet read
        for (std::size_t at = 0; at < count; ++at) {
            const std::size_t k = starts_at[at];
            const Token& t = toks[k];
            if (k < next || !contains(heading_starts, t.hash)) {
                continue;  // inside the heading just read, or another word
            }
            std::size_t length = 0;
            bool job = false;
            auto starts = [&](const PhraseList& ps) {
                if ((ps.first_bits & bit_of(t.hash)) == 0) {
                    return false;
                }
                return ps.any_at(PhraseList::Edge::First, t.hash, [&](const Phrase& p) {
                    if (phrase_after(toks, k, p) && heading_at(text, toks, k, p.hashes.size())) {
                        length = std::max(length, p.hashes.size());
                        return true;
                    }
                    return false;
                });
            };
            bool benefits = false;
            if (starts(job_headings)) {
                job = true;
            } else if (starts(benefit_headings)) {
                benefits = true;
            } else if (starts(company_headings)) {
                job = false;
            } else if (const std::size_t about = about_in_heading(toks, k);
                       about != kNoAbout && about + 1 < toks.size() && toks[about + 1].is_word() &&
                       heading_at(text, toks, k, about - k + 1)) {
                // "About Acme" (or "A bit about Acme") opens the company's text; "About
                // Engineering at Acme" the job's team.
                job = contains(job_about, toks[about + 1].hash);
                length = about - k + 2;
                opened_about = opened_about || about != k;
            } else {
                length = question_heading(toks, k).first;
                job = false;
            }
            if (length > 0) {
                close_pitch(k);
                settle(k);
                company = !job;
                pitch = company && !benefits;
                opened = k + length;
                // A bare "Description" ends the company's section but often opens a whole
                // posting ("Description: We're a startup building AI tools for sales"): the
                // employer may still describe itself below it.
                const bool whole_posting = length == 1 && t.hash == description_hash;
                first_job = job && !whole_posting ? std::min(first_job, k) : first_job;
                next = k + length;  // "Company Overview" is one heading, not two
            }
        }
        close_pitch(end);
        settle(toks.size());
        return {first_job, opened_about};
    }

    // Where the "about" of an "About <Name>" heading that starts at token k stands: k itself, or
    // after up to two of kAboutOpeners ("A bit about Datadog:"); kNoAbout when there is none.
    static constexpr std::size_t kNoAbout = ~std::size_t{0};
    std::size_t about_in_heading(const Tokens& toks, std::size_t k) const {
        for (std::size_t j = k; j < toks.size() && j <= k + 2; ++j) {
            if (toks[j].hash == about_hash) {
                return j == k || toks[k].capital ? j : kNoAbout;
            }
            if (!in(about_openers, toks[j])) {
                return kNoAbout;
            }
        }
        return kNoAbout;
    }

    // Whether token k is the glued apostrophe of a possessive "'s" ("Stripe's business").
    bool possessive_at(const Tokens& toks, std::size_t k) const {
        return k + 1 < toks.size() && toks[k].punct == '\'' && !toks[k].spaced &&
               toks[k + 1].hash == s_hash;
    }

    // A word list's bits settle most words before the search: inlined, so that they do so
    // without a call.
    __attribute__((always_inline)) static bool in(const WordList& list, const Token& t) {
        return t.is_word() && list.maybe(t.hash) && contains(list, t.hash);
    }

    static bool in(const std::vector<std::uint64_t>& sorted, const Token& t) {
        return t.is_word() && contains(sorted, t.hash);
    }

    // A word that may be part of a name or a capitalised item: a capital, and no pronoun or
    // article ("Our", "The" start a phrase of their own).
    bool name_word(const Token& t) const { return t.capital && !in(not_names, t); }

    // Whether "we're <verb>" at `be` goes on "building/developing a <project noun>" within a few
    // words ("We're building a system that generates poker questions … with LLMs"): a client
    // describing the project a gig is for, where "We're building the future of payments" is a
    // company describing itself.
    bool builds_a_project(const Tokens& toks, const Token& be) const {
        const std::size_t v = static_cast<std::size_t>(&be - toks.data()) + 1;
        if (v + 2 >= toks.size() || !in(project_verbs, toks[v]) ||
            (toks[v + 1].hash != a_hash && toks[v + 1].hash != an_hash)) {
            return false;
        }
        constexpr std::size_t kMaxModifiers = 3;  // "a simple internal web app"
        for (std::size_t j = v + 2; j < toks.size() && j <= v + 2 + kMaxModifiers; ++j) {
            if (in(project_nouns, toks[j])) {
                return true;
            }
            if (!toks[j].is_word()) {
                return false;
            }
        }
        return false;
    }

    // What self_description has read of one sentence.
    struct SelfScan {
        std::uint32_t sentence = 0;
        std::size_t begin = 0;        // the sentence's first token
        std::size_t at = 0;           // the next token to read
        std::size_t subject = kNone;  // the employer's subject, through a verb only it takes
        std::size_t weak = kNone;     // through a verb any subject takes (needs a company noun)
        bool noun = false;            // a word of kCompanyNouns read
        bool job = false;             // a word of kJobWords read: the sentence is the job's
        static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    };

    // Reads the sentence of `scan` up to token `until` (or its end), looking for the employer's
    // subject (kCompanyVerbs); stops at a job word.
    void self_description(std::string_view text, const Tokens& toks,
                          const std::vector<Candidate>& cands, SelfScan& scan,
                          std::size_t until) const {
        auto inside = [&](std::size_t k) {
            return k < toks.size() && toks[k].sentence == scan.sentence;
        };
        // The candidate covering token k, if any (candidates are in text order, disjoint).
        auto covering = [&](std::size_t k) -> const Candidate* {
            auto it =
                std::upper_bound(cands.begin(), cands.end(), k,
                                 [](std::size_t v, const Candidate& c) { return v < c.first; });
            if (it == cands.begin()) {
                return nullptr;
            }
            --it;
            return k < it->last ? &*it : nullptr;
        };
        for (std::size_t& k = scan.at; k < until && inside(k) && !scan.job; ++k) {
            const Token& t = toks[k];
            const bool next_inside = inside(k + 1);
            // Most words are in none of the lists: the filters settle them.
            const bool listed_here = maybe_self(t.hash);
            const bool listed = next_inside && maybe_verb(toks[k + 1].hash);
            if (listed_here && in(job_words, t)) {
                scan.job = true;
                break;
            }
            scan.noun = scan.noun || (listed_here && in(company_nouns, t));
            const bool aside_end = t.punct == ')' || t.punct == ',';
            if (scan.subject != SelfScan::kNone || scan.weak != SelfScan::kNone || !next_inside ||
                (!listed_here && !(listed && (t.capital || aside_end)))) {
                continue;
            }
            // "we're", "we've": the verb after the apostrophe.
            const Token& next =
                toks[k + 1].punct == '\'' && inside(k + 2) ? toks[k + 2] : toks[k + 1];
            auto possessive = [&] {
                return possessive_at(toks, k + 1) && inside(k + 3) && in(own_nouns, toks[k + 3]);
            };
            if (t.hash == we_hash && in(we_verbs, next)) {
                scan.subject = k;
            } else if (t.hash == we_hash && in(be_verbs, next) && builds_a_project(toks, next)) {
                scan.job = true;  // "We're building a system that …": the gig's project
                break;
            } else if (t.hash == we_hash && in(be_verbs, next)) {
                scan.weak = k;
            } else if (t.hash == our_hash &&
                       (in(own_nouns, toks[k + 1]) ||
                        (k == scan.begin && inside(k + 3) && toks[k + 1].is_word() &&
                         !toks[k + 1].capital && in(own_nouns, toks[k + 2]) &&
                         (in(be_verbs, toks[k + 3]) || in(company_verbs, toks[k + 3]))))) {
                // "our platform"; opening a sentence, "Our proprietary technology is …"
                scan.subject = k;
            } else if ((t.capital || aside_end) &&
                       (in(company_verbs, toks[k + 1]) || in(be_verbs, toks[k + 1]) ||
                        (t.capital && possessive()))) {
                // The name: capitalised words back from here, or from before an aside in
                // brackets ("Arcol (arcol.io) is", "Acme (YC W22) builds") or between commas
                // ("Acme, a fast-growing startup, builds"); skill words may be part of it
                // ("Rainforest QA") but not all of it ("Python is required"). A name does not
                // run over a line break: "ETL Power BI\nAcme is …" is a title, then the name.
                std::size_t name_end = k + 1;
                if (aside_end) {
                    constexpr std::size_t kMaxAside = 16;  // tokens in "(founded by … of X)"
                    const char open = t.punct == ')' ? '(' : ',';
                    name_end = SelfScan::kNone;
                    for (std::size_t j = k; j-- > scan.begin && k - j <= kMaxAside;) {
                        const char p = toks[j].punct;
                        if (p == '(' || p == ')' || p == ',') {
                            name_end = p == open ? j : SelfScan::kNone;
                            break;
                        }
                    }
                    if (name_end == SelfScan::kNone || name_end == scan.begin) {
                        continue;
                    }
                }
                std::size_t first = name_end;
                bool named = false;
                while (first > scan.begin && name_word(toks[first - 1]) &&
                       !in(role_nouns, toks[first - 1]) &&
                       (first == name_end || !line_break_before(text, toks, first))) {
                    --first;
                    named = named || covering(first) == nullptr;
                }
                const bool possessed = possessive();
                if (possessed && first > scan.begin && in(object_prepositions, toks[first - 1])) {
                    continue;  // "aligns with Lemonaid's vision": the name is no subject
                }
                if (named && (in(company_verbs, toks[k + 1]) || possessed)) {
                    scan.subject = first;
                } else if (named) {
                    scan.weak = first;
                }
            }
        }
    }

    // The name of an "About <Name>" heading, written alone in the company's own sections or as
    // an owner, is the employer: after "About Stripe", "millions use Stripe to accept payments"
    // is its pitch and "support Stripe's business" its business, which readers leave out. The
    // duties may still ask for its product ("fine-tune Mistral models"). Runs after
    // drop_employer_products, which reads these mentions ("Stripe's team") to find the employer.
    void drop_heading_name_mentions(const Tokens& toks, std::vector<Candidate>& cands,
                                    const std::vector<std::uint64_t>& heading_words) const {
        if (heading_words.empty()) {
            return;
        }
        for (Candidate& c : cands) {
            if (c.state != State::Accepted || c.last != c.first + 1 || !toks[c.first].capital ||
                std::find(heading_words.begin(), heading_words.end(), toks[c.first].hash) ==
                    heading_words.end()) {
                continue;
            }
            if (c.company || possessive_at(toks, c.last)) {
                c.state = State::Rejected;
            }
        }
    }

    // A tool named like a company is the employer, and its product is not an asked skill
    // anywhere in the text: "Snowflake is looking to …", "Snowflake's open-source team",
    // "GitLab's infrastructure", and a hiring thread's header "PostHog | Full-Time | Remote",
    // whose first field is the company. Readers leave the employer's own product out.
    void drop_employer_products(std::string_view text, const Tokens& toks,
                                std::vector<Candidate>& cands) const {
        thread_local std::vector<std::uint32_t> employers;
        employers.clear();
        for (const Candidate& c : cands) {
            const std::size_t k = c.last;
            // The word after the tool first: it settles nearly every candidate.
            if (k + 2 >= toks.size() ||
                (toks[k].punct != '\'' && toks[k].hash != is_hash && toks[k].punct != '|' &&
                 toks[k].punct != '(' && toks[k].hash != employees_hash) ||
                c.state != State::Accepted || !toks[c.first].capital) {
                continue;
            }
            if (toks[k].punct == '|' || toks[k].punct == '(') {
                // Any product may be the company there (PostHog is no tool category's,
                // AssemblyAI names speech recognition), but a language is no company's name,
                // nor is a skill matched by its stem ("ML6 | Machine Learning Engineer"). An
                // aside may follow the name, and then a colon ends it too: "AssemblyAI (YC 17):
                // Senior Engineer".
                const bool by_stem = c.last == c.first + 1 && toks[c.first].stem_len != 0;
                if (c.first == 0 && c.variant->category != language_category && !by_stem &&
                    header_name_ends(toks, k)) {
                    employers.push_back(c.variant->skill);
                }
                continue;
            }
            // A product of another category named by one capitalised word may be the employer
            // too ("Figma's platform", "Figma is growing"); a field or a language is no company.
            const bool product_name = c.last == c.first + 1 && !c.variant->names_roles &&
                                      c.variant->category != language_category;
            if (!c.variant->tool && !product_name) {
                continue;
            }
            const bool possessive = possessive_at(toks, k) &&
                                    (in(own_nouns, toks[k + 2]) || in(team_nouns, toks[k + 2]));
            const bool hiring = toks[k].hash == is_hash && in(hiring_words, toks[k + 1]);
            // "ensure Stripe employees and customers use trustworthy data": its own staff.
            const bool staff = toks[k].hash == employees_hash;
            if (possessive || hiring || staff || introduces_employer(text, toks, c)) {
                employers.push_back(c.variant->skill);
            }
        }
        if (employers.empty()) {
            return;
        }
        for (Candidate& c : cands) {
            if (c.state == State::Accepted && std::find(employers.begin(), employers.end(),
                                                        c.variant->skill) != employers.end()) {
                c.state = State::Rejected;
            }
        }
    }

    // Whether the header's first field, a name ending before token k, ends there: '|' right
    // after it, or an aside in brackets and then '|' or ':'.
    static bool header_name_ends(const Tokens& toks, std::size_t k) {
        if (toks[k].punct == '|') {
            return true;
        }
        constexpr std::size_t kMaxAside = 8;
        for (std::size_t j = k + 1; j < toks.size() && j <= k + kMaxAside; ++j) {
            if (toks[j].punct == ')') {
                return j + 1 < toks.size() &&
                       (toks[j + 1].punct == '|' || toks[j + 1].punct == ':');
            }
            if (toks[j].punct == '(' || toks[j].sentence != toks[k].sentence) {
                return false;
            }
        }
        return false;
    }

    // Whether match `c` names an employer: "Founded by ex-Stripe/Segment leads", "a former
    // Google engineer", "with the cofounder/CTO of MongoDB", "an iOS Engineer at Help Scout"
    // name where people work or worked or what they led, no skill the job asks, and so do the
    // companies listed with it. Only that
    // mention: the same tool named elsewhere may still be used. `listed_end` is the end of the
    // last one found (0: none yet), whose list `c` may continue ("ex-Stripe/Segment").
    bool past_employer(const Tokens& toks, const Candidate& c, std::size_t& listed_end) const {
        if (c.first == 0) {
            return false;
        }
        if (listed_end > 0) {
            if (c.first <= listed_end + 3 && links_only(toks, listed_end, c.first)) {
                listed_end = c.last;
                return true;
            }
            listed_end = 0;
        }
        // Cheap tests first: nearly every match follows a lower-case word that is neither
        // "of" nor "ex"/"former".
        const Token& before = toks[c.first - 1];
        const bool former_word = before.hash == former_words[0] || before.hash == former_words[1] ||
                                 before.hash == former_words[2];
        if (!before.capital && before.hash != of_hash && !former_word && before.hash != at_hash) {
            return false;
        }
        // "a Senior iOS Engineer at Help Scout": the capitalised name after a role and "at" is
        // where the role is held.
        if (before.hash == at_hash) {
            if (c.first >= 2 && toks[c.first].capital && in(role_nouns, toks[c.first - 2])) {
                listed_end = c.last;
                return true;
            }
            return false;
        }
        // "ex-" before a capitalised name marks a past employer whatever its kind ("ex-Wrike",
        // "ex-Salesforce"); "former" only before a tool ("former Marketing lead" is a role).
        const bool former =
            former_word && toks[c.first].capital && (c.variant->tool || before.hash == ex_hash);
        // The company's name may open with words of its own: "cofounder of Gambit Robotics".
        // A tool may be written in lower case ("authors of neovim"); a field must be a
        // company's capitalised name, and a field alone after "CTO of" is what the CTO leads
        // ("CTO of AI").
        std::size_t k = c.first;
        while (k + 2 > c.first && k > 0 && toks[k - 1].capital) {
            --k;
        }
        const bool led = (c.variant->tool || (k < c.first && toks[c.first].capital)) && k >= 2 &&
                         toks[k - 1].hash == of_hash && in(leader_words, toks[k - 2]);
        if (former || led) {
            listed_end = c.last;
            return true;
        }
        return false;
    }

    // "Supabase is an open-source and fully remote company": a tool that opens a sentence or a
    // line and is called a company (kEmployerNouns, within the sentence's next dozen words) is
    // the employer. "Python is a plus" and "Docker is a platform we use" name no company.
    bool introduces_employer(std::string_view text, const Tokens& toks, const Candidate& c) const {
        const std::size_t k = c.last;
        if (toks[k].hash != is_hash || (toks[k + 1].hash != a_hash && toks[k + 1].hash != an_hash &&
                                        toks[k + 1].hash != the_hash)) {
            return false;
        }
        if (c.first > 0 && toks[c.first - 1].sentence == toks[c.first].sentence &&
            !line_break_before(text, toks, c.first)) {
            return false;
        }
        const std::uint32_t sentence = toks[k].sentence;
        for (std::size_t i = k + 2; i < toks.size() && i < k + 14 && toks[i].sentence == sentence;
             ++i) {
            // "PostgreSQL is the company's main database" names what the company uses.
            if (in(employer_nouns, toks[i])) {
                return i + 1 >= toks.size() || toks[i + 1].punct != '\'';
            }
        }
        return false;
    }

    // What the employer makes, listed after "our portfolio includes", "its products include",
    // "our products (…)", "we power products such as" or "the team behind": the rest of that
    // sentence names products, not asked skills ("Our portfolio includes Microsoft Fabric, Azure
    // SQL DB and Power BI"; "We're the team behind Stable Diffusion and FLUX.1").
    void drop_product_lists(const Tokens& toks, const std::vector<std::uint32_t>& at,
                            std::vector<Candidate>& cands) const {
        std::size_t ci = 0;
        for (const std::uint32_t v : at) {
            const Token& verb = toks[v];
            bool opens = false;
            if (verb.hash == behind_hash) {
                opens = v > 0 && toks[v - 1].hash == team_hash;
            } else if (in(product_nouns, verb)) {
                // "our existing products (ChatGPT, API)", "We power products such as ChatGPT":
                // the employer's products with examples.
                bool own = false;
                for (std::size_t k = v; k-- > 0 && k + 4 > v;) {
                    own = own || toks[k].hash == our_hash || toks[k].hash == its_hash ||
                          (toks[k].hash == we_hash && toks[k].capital);
                }
                const bool examples =
                    v + 1 < toks.size() && (toks[v + 1].punct == '(' ||
                                            (v + 2 < toks.size() && toks[v + 1].hash == such_hash &&
                                             toks[v + 2].hash == as_hash));
                opens = own && examples;
            } else if (v >= 2 && in(list_verbs, verb)) {
                opens = in(product_nouns, toks[v - 1]) &&
                        (toks[v - 2].hash == our_hash || toks[v - 2].hash == its_hash);
            }
            if (!opens) {
                continue;
            }
            while (ci < cands.size() && cands[ci].first <= v) {
                ++ci;
            }
            // The list starts within three words of the verb ("includes the Azure …") and runs
            // to the end of the sentence.
            if (ci == cands.size() || cands[ci].first > v + 3) {
                continue;
            }
            const std::uint32_t sentence = toks[cands[ci].first].sentence;
            for (; ci < cands.size() && toks[cands[ci].first].sentence == sentence; ++ci) {
                cands[ci].state = State::Rejected;
            }
        }
    }

    // The company's name, from an "About <Name>", "Why <Name>?" or "Who is <Name>?" heading,
    // written before a skill word is the name, not the skill: "Rainforest QA" (after "About
    // Rainforest") names no QA work, "Cast AI" (after "Why Cast AI?") no AI; so is the heading's
    // own word ("About Mistral"). A product the posting introduces ("What is Grafana Cloud?") is
    // the employer's, wherever it is named. A name the posting opens with "At <Name>," ("At
    // Serve Robotics, we're reimagining …") is the company's wherever it stands, when it has two
    // words or more or "we"/"our" follows.
    // `heading_words` receives the word of each "About <Name>" heading, for
    // drop_heading_name_mentions.
    void drop_company_names(std::string_view text, const Tokens& toks,
                            std::vector<Candidate>& cands, bool opened_about,
                            std::vector<std::uint64_t>& heading_words) const {
        heading_words.clear();
        // Most texts have no skill right after a capitalised word (where a name would stand)
        // and no question (a product's heading), or no heading at all: nothing to look up. The
        // byte searches are much faster than a pass over the tokens. An "At <Name>," is found
        // from the skill word in the name.
        bool any = false;
        std::vector<std::pair<std::size_t, std::size_t>> at_names;  // "At <Name>,": tokens
        for (const Candidate& c : cands) {
            if (c.state != State::Accepted || c.first == 0 || !toks[c.first].spaced ||
                !toks[c.first - 1].capital) {
                continue;
            }
            any = true;
            for (std::size_t k = c.first; k-- > 0 && k + 4 >= c.first;) {
                if (toks[k].hash == at_hash && toks[k].capital) {
                    std::size_t end = k + 1;
                    while (end < k + 4 && end < toks.size() && name_word(toks[end])) {
                        ++end;
                    }
                    if (end >= c.last && end + 1 < toks.size() && toks[end].punct == ',' &&
                        (end > k + 2 || toks[end + 1].hash == we_hash ||
                         toks[end + 1].hash == our_hash)) {
                        at_names.emplace_back(k + 1, end);
                    }
                    break;
                }
                if (!name_word(toks[k])) {
                    break;
                }
            }
        }
        const bool question = text.find('?') != std::string_view::npos;
        if (!any && !question) {
            return;
        }
        const bool headings =
            question || opened_about || text.find("About ") != std::string_view::npos;
        if (!headings && at_names.empty()) {
            return;
        }
        std::vector<std::uint64_t> names;        // a company's name: its first word
        std::vector<std::uint64_t> products;     // a product's name: its first word
        std::vector<std::size_t> heading_names;  // where an "About <Name>" heading names it
        for (std::size_t k = 0; headings && k + 1 < toks.size(); ++k) {
            // "About Acme", or "A bit about Acme" (its "about" found from the opener).
            const bool about = toks[k].hash == about_hash &&
                               (toks[k].capital || (k >= 2 && about_in_heading(toks, k - 2) == k) ||
                                (k >= 1 && about_in_heading(toks, k - 1) == k));
            if (about && toks[k + 1].capital && toks[k + 1].spaced && !in(job_about, toks[k + 1]) &&
                (k + 2 == toks.size() || toks[k + 2].punct == ':' || toks[k + 2].capital)) {
                names.push_back(toks[k + 1].hash);
                heading_names.push_back(k + 1);
                heading_words.push_back(toks[k + 1].hash);
            } else if (const auto [length, name] = question_heading(toks, k); length > 0) {
                (toks[k].hash == what_hash ? products : names).push_back(toks[name].hash);
            }
        }
        if (names.empty() && products.empty() && at_names.empty()) {
            return;
        }
        // Whether the tokens at `k` spell one of the "At" names, and how long it is.
        auto at_name = [&](std::size_t k) -> std::size_t {
            for (const auto& [first, last] : at_names) {
                const std::size_t n = last - first;
                if (k + n <= toks.size() && toks[k].capital &&
                    std::equal(toks.begin() + static_cast<std::ptrdiff_t>(first),
                               toks.begin() + static_cast<std::ptrdiff_t>(last),
                               toks.begin() + static_cast<std::ptrdiff_t>(k),
                               [](const Token& a, const Token& b) { return a.hash == b.hash; })) {
                    return n;
                }
            }
            return 0;
        };
        for (Candidate& c : cands) {
            if (c.state != State::Accepted) {
                continue;
            }
            const bool after_name =
                c.first > 0 && toks[c.first].spaced && toks[c.first - 1].capital &&
                std::find(names.begin(), names.end(), toks[c.first - 1].hash) != names.end();
            const bool product =
                toks[c.first].capital &&
                std::find(products.begin(), products.end(), toks[c.first].hash) != products.end();
            bool in_at_name = false;
            for (std::size_t k = c.first + 1;
                 !at_names.empty() && k-- > 0 && k + 3 >= c.first && !in_at_name;) {
                const std::size_t n = at_name(k);
                in_at_name = n > 0 && k + n >= c.last;
            }
            // The heading's own word is the name too: "About Mistral" names no Mistral model.
            const bool heading_name = std::find(heading_names.begin(), heading_names.end(),
                                                c.first) != heading_names.end();
            if (after_name || product || in_at_name || heading_name) {
                c.state = State::Rejected;
            }
        }
    }

    // A heading on a line of its own, over a bulleted list: [.., begin) back to the previous
    // line break holds only spaces (no bullet: the heading is not an item), and [end, next) a
    // line break, then spaces and at least one bullet ("-", "*", or a UTF-8 one such as "•").
    static bool heads_bulleted_list(std::string_view text, std::size_t begin, std::size_t end,
                                    std::size_t next) {
        bool line_break = false;
        bool bullet = false;
        for (std::size_t i = end; i < next; ++i) {
            const auto ch = static_cast<unsigned char>(text[i]);
            if (ch == '\n' && !line_break && !bullet) {
                line_break = true;
            } else if (line_break && (ch == '-' || ch == '*' || ch >= 0x80)) {
                bullet = true;
            } else if (!line_space(static_cast<char>(ch))) {
                return false;
            }
        }
        if (!bullet) {
            return false;
        }
        for (std::size_t i = begin; i > 0; --i) {
            if (text[i - 1] == '\n') {
                return true;
            }
            if (!line_space(text[i - 1])) {
                return false;
            }
        }
        return true;
    }

    // A skill used as the heading of a list of others ("Back-end: Express.js, Node.js", or
    // "Backend" on its own line over "• Node.js") files them under it; it is not asked by
    // itself. A heading is capitalised and does not continue a phrase: "MLOps for computer
    // vision: Kubeflow" and "full-stack : Vue.js" ask for the field.
    static void drop_list_headings(std::string_view text, const Tokens& toks,
                                   std::vector<Candidate>& cands) {
        for (std::size_t ci = 0; ci + 1 < cands.size(); ++ci) {
            Candidate& c = cands[ci];
            if (c.state != State::Accepted || c.last >= toks.size()) {
                continue;
            }
            std::size_t ni = ci + 1;  // the next accepted one: rejected words may come between
            while (ni + 1 < cands.size() && cands[ni].state != State::Accepted &&
                   cands[ni].first < c.last + 8) {
                ++ni;
            }
            const Candidate& next = cands[ni];
            if (next.state != State::Accepted) {
                continue;
            }
            const bool colon = toks[c.last].punct == ':' && next.first == c.last + 1;
            if (!colon && !heads_bulleted_list(text, toks[c.first].begin, toks[c.last - 1].end,
                                               toks[next.first].begin)) {
                continue;  // neither "Back-end: Express.js" nor "Backend\n • Express.js"
            }
            const char head = text[toks[c.first].begin];
            // A heading on its own line continues no phrase of the line before.
            const bool after_phrase = colon && c.first > 0 && toks[c.first - 1].is_word() &&
                                      text[toks[c.first - 1].begin] >= 'a' &&
                                      text[toks[c.first - 1].begin] <= 'z';
            if (head >= 'A' && head <= 'Z' && !after_phrase) {
                c.state = State::Rejected;
            }
        }
    }

    // "Skills: Python, SQL, Computer Vision": a platform's tags pasted into the text, one line
    // of comma-separated items after a capitalised "Skills:". Appends the token ranges [begin,
    // end) of such lines; `at` holds the match scan's notes, "Skills" among them.
    void find_tag_lines(std::string_view text, const Tokens& toks,
                        const std::vector<std::uint32_t>& at,
                        std::vector<std::pair<std::uint32_t, std::uint32_t>>& lines) const {
        for (const std::uint32_t k : at) {
            if (toks[k].hash != skills_hash || !toks[k].capital || k + 2 >= toks.size() ||
                toks[k + 1].punct != ':') {
                continue;
            }
            std::size_t end = k + 2;
            while (end < toks.size() && !line_break_before(text, toks, end)) {
                ++end;
            }
            lines.emplace_back(k + 2, static_cast<std::uint32_t>(end));
        }
    }

    // A long tag line that shares next to nothing with a posting naming skills of its own is
    // the board's tags for the employer, not this job's (set 84: an office assistant's
    // bookkeeping and spreadsheets under "Skills: CSS, excel, frontend, git, html, illustrator,
    // magento, …"): its items the body does not name are dropped, and the line is read no
    // further. A short line, or one over a body that names little, is the client's own list.
    void drop_unrelated_tag_lines(const Tokens& toks,
                                  std::vector<std::pair<std::uint32_t, std::uint32_t>>& lines,
                                  std::vector<Candidate>& cands) const {
        constexpr std::size_t kMinItems = 12;
        constexpr std::size_t kMinBodySkills = 5;
        constexpr double kMaxShared = 0.1;
        thread_local std::vector<std::uint32_t> body;
        thread_local std::vector<std::uint32_t> tagged;
        body.clear();
        for (const Candidate& c : cands) {
            if (c.state == State::Accepted && !in_tag_line(lines, c)) {
                body.push_back(c.variant->skill);
            }
        }
        std::sort(body.begin(), body.end());
        body.erase(std::unique(body.begin(), body.end()), body.end());
        if (body.size() < kMinBodySkills) {
            return;
        }
        std::erase_if(lines, [&](const std::pair<std::uint32_t, std::uint32_t>& line) {
            const auto [first, last] = line;
            const std::size_t items =
                1 + static_cast<std::size_t>(std::count_if(
                        toks.begin() + first, toks.begin() + last,
                        [](const Token& t) { return t.punct == ',' || t.punct == ';'; }));
            tagged.clear();
            for (const Candidate& c : cands) {
                if (c.state == State::Accepted && c.first >= first && c.last <= last) {
                    tagged.push_back(c.variant->skill);
                }
            }
            std::sort(tagged.begin(), tagged.end());
            tagged.erase(std::unique(tagged.begin(), tagged.end()), tagged.end());
            const auto shared = static_cast<std::size_t>(std::count_if(
                tagged.begin(), tagged.end(),
                [&](std::uint32_t k) { return std::binary_search(body.begin(), body.end(), k); }));
            if (items < kMinItems ||
                static_cast<double>(shared) > kMaxShared * static_cast<double>(tagged.size())) {
                return false;
            }
            for (Candidate& c : cands) {
                if (c.state == State::Accepted && c.first >= first && c.last <= last &&
                    !std::binary_search(body.begin(), body.end(), c.variant->skill)) {
                    c.state = State::Rejected;
                }
            }
            return true;
        });
    }

    // Each item of a tag line is a whole tag, read as tags are (Taxonomy::resolve_tag: any case,
    // punctuation ignored): the API's "r", "uiux" or "ionic-framework" names R, UI/UX design
    // and Ionic, though the words alone need their case or spell no alias. Only items the match
    // scan found nothing in are read: where it found a match, its rules have judged the item (an
    // unrelated "Amazon Web Services" tag stays out).
    void add_tag_line_items(std::string_view text, const Tokens& toks,
                            const std::vector<std::pair<std::uint32_t, std::uint32_t>>& lines,
                            const std::vector<Candidate>& cands,
                            std::vector<SkillSpan>& out) const {
        const std::size_t before = out.size();
        for (const auto& [first, last] : lines) {
            std::size_t a = first;
            while (a < last) {
                std::size_t b = a;
                while (b < last && toks[b].punct != ',' && toks[b].punct != ';') {
                    ++b;
                }
                const bool seen = std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) {
                    return c.first < b && c.last > a;
                });
                if (b > a && !seen) {
                    const std::size_t begin = toks[a].begin;
                    const std::size_t end = toks[b - 1].end;
                    const std::string_view item = text.substr(begin, end - begin);
                    const Skill* s = taxonomy->resolve_tag(item);
                    if (s != nullptr && spells_text_alias(*s, item)) {
                        out.push_back({s->id, begin, end, false});
                    }
                }
                a = b + 1;
            }
        }
        if (out.size() != before) {
            std::stable_sort(out.begin(), out.end(), [](const SkillSpan& x, const SkillSpan& y) {
                return x.begin < y.begin;
            });
        }
    }

    // Whether `tag` spells one of the aliases `skill` has for text. Its id and name are not
    // enough: "Sales", "Legal" or "Illustration" are aliases of tags only, too broad as words of
    // a text, and a wide tag line lists them for gigs that do not ask for them.
    static bool spells_text_alias(const Skill& skill, std::string_view tag) {
        const std::string key = Taxonomy::normalise_tag(tag);
        return std::any_of(skill.alias_rules.begin(), skill.alias_rules.end(), [&](const Alias& a) {
            return !a.tag_only && Taxonomy::normalise_tag(a.text) == key;
        });
    }

    static bool in_tag_line(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& lines,
                            const Candidate& c) {
        return std::any_of(lines.begin(), lines.end(), [&](const auto& line) {
            return c.first >= line.first && c.last <= line.second;
        });
    }

    // What a posting leaves out, under a heading of its own ("Non-Goals (Out of Scope)" over
    // "• Frontend • OCR / images"; "Out of scope: UI, frontend."; "Future Phases"; "You are NOT
    // a fit if:"), is not asked. `at` holds the match scan's notes of the headings' key words.
    void drop_excluded_sections(std::string_view text, const Tokens& toks,
                                const std::vector<std::uint32_t>& at,
                                std::vector<Candidate>& cands) const {
        for (const std::uint32_t k : at) {
            const std::uint64_t h = toks[k].hash;
            std::size_t first = k;  // the heading's first and last tokens
            std::size_t last = k;
            auto word_before = [&](std::size_t i, std::uint64_t w) {
                return i > 0 && toks[i - 1].is_word() && toks[i - 1].hash == w;
            };
            if (h == scope_hash && word_before(k, of_hash) && word_before(k - 1, out_hash)) {
                first = k - 2;  // "out of scope"
            } else if (h == scope_hash && word_before(k, in_hash) && word_before(k - 1, not_hash)) {
                first = k - 2;  // "not in scope"
            } else if (h == goals_hash && word_before(k, non_hash)) {
                first = k - 1;  // "non-goals"
            } else if ((h == included_hash || h == doing_hash) && word_before(k, not_hash)) {
                first = k - 1;  // "not included", "what you are NOT doing"
            } else if ((h == phases_hash || h == phase_hash) &&
                       (word_before(k, future_hash) || word_before(k, later_hash))) {
                first = k - 1;  // "Future Phases (Separate Projects):"
            } else if (h == fit_hash && k + 1 < toks.size() && toks[k + 1].hash == if_hash) {
                const std::size_t a = word_before(k, good_hash) ? k - 1 : k;
                if (!word_before(a, a_hash) || !word_before(a - 1, not_hash)) {
                    continue;
                }
                first = a - 2;  // "You are NOT a (good) fit if:"
                last = k + 1;
            } else {
                continue;
            }
            const auto [begin, end] = excluded_section(text, toks[first].begin, toks[last].end);
            if (begin == end) {
                continue;
            }
            for (Candidate& c : cands) {
                if (toks[c.first].begin >= begin && toks[c.first].begin < end) {
                    c.state = State::Rejected;
                }
            }
        }
    }

    // Whether the soft word at token k has its nice-to-have sense: "a plus", not "salary plus
    // equity"; "nice to have", not "a nice team"; a bonus that is no pay.
    bool soft_sense(const Tokens& toks, std::size_t k) const {
        const std::uint64_t h = toks[k].hash;
        auto word = [&](std::size_t i) { return i < toks.size() && toks[i].is_word(); };
        if (h == plus_hash || h == advantage_hash) {
            return k > 0 && word(k - 1) && in(plus_before, toks[k - 1]);
        }
        if (h == nice_hash) {
            return (word(k + 1) && toks[k + 1].hash == if_hash) ||
                   (k > 0 && word(k - 1) && toks[k - 1].hash == be_hash) ||
                   (k + 2 < toks.size() && toks[k + 1].hash == to_hash &&
                    (toks[k + 2].hash == have_hash || toks[k + 2].hash == haves_hash));
        }
        if (h == bonus_hash || h == bonuses_hash) {
            // "is a bonus", "a big bonus"; "Bonus:", "Bonus points if"; not "annual bonus".
            return (k > 0 && word(k - 1) && in(plus_before, toks[k - 1])) ||
                   (k + 1 < toks.size() &&
                    (toks[k + 1].punct == ':' || in(bonus_after, toks[k + 1])));
        }
        return true;
    }

    // The tokens [first, last) of the line that holds token k, read at most `limit` tokens
    // each way: a text with no line breaks is one long line, and no soft word needs more of it.
    // With `sentence`, the walk also stops where the sentence of k does.
    struct LineSpan {
        std::size_t first = 0;
        std::size_t last = 0;
        bool whole = false;  // both ends are the line's own, not the limit or a sentence end
    };
    static LineSpan line_of(std::string_view text, const Tokens& toks, std::size_t k,
                            std::size_t limit, bool sentence) {
        LineSpan line{k, k + 1, true};
        const std::uint32_t own = toks[k].sentence;
        while (line.first > 0 && !line_break_before(text, toks, line.first)) {
            if (k - line.first >= limit || (sentence && toks[line.first - 1].sentence != own)) {
                line.whole = false;
                break;
            }
            --line.first;
        }
        while (line.last < toks.size() && !line_break_before(text, toks, line.last)) {
            if (line.last - k >= limit || (sentence && toks[line.last].sentence != own)) {
                line.whole = false;
                break;
            }
            ++line.last;
        }
        return line;
    }

    // Whether the line [first, last) stands as a heading over the lines below it: a few words
    // ending with ':', a Markdown heading or bold line, or (unless `colon_only`) a short
    // capitalised line with no full stop ("Nice to Have").
    static bool heading_line(const Tokens& toks, std::size_t first, std::size_t last,
                             bool colon_only) {
        constexpr std::size_t kMaxWords = 8;
        constexpr std::size_t kMaxBareWords = 5;
        std::size_t words = 0;
        for (std::size_t j = first; j < last; ++j) {
            words += toks[j].is_word() ? 1 : 0;
        }
        std::size_t end = last;
        while (end > first && toks[end - 1].punct == '*') {
            --end;
        }
        if (words == 0 || words > kMaxWords || end == first) {
            return false;
        }
        const bool bold = toks[first].punct == '*' && last - end >= 2;
        if (toks[end - 1].punct == ':' || toks[first].punct == '#' || bold) {
            return true;
        }
        return !colon_only && words <= kMaxBareWords && toks[first].capital &&
               toks[end - 1].punct != '.';
    }

    // Marks the skills a posting names as nice-to-haves (SkillSpan::preferred): those of a
    // section under a heading such as "Nice to have" or "Preferred qualifications", up to the
    // next heading, and those a sentence calls a plus ("Docker is a plus", "AWS preferred",
    // "ideally PyTorch"). `at` holds where the match scan found soft words.
    void mark_preferred(std::string_view text, const Tokens& toks,
                        const std::vector<std::uint32_t>& at, std::vector<Candidate>& cands) const {
        // The candidates from token `from` on (they are in text order).
        auto from_token = [&](std::size_t from) {
            return std::lower_bound(cands.begin(), cands.end(), from,
                                    [](const Candidate& c, std::size_t v) { return c.first < v; });
        };
        auto mark = [&](std::size_t from, std::size_t to) {
            for (auto it = from_token(from); it != cands.end() && it->first < to; ++it) {
                it->preferred = true;
            }
        };
        auto accepted_in = [&](std::size_t from, std::size_t to) {
            for (auto it = from_token(from); it != cands.end() && it->first < to; ++it) {
                if (it->state == State::Accepted) {
                    return true;
                }
            }
            return false;
        };
        // A heading is a few words; a clause that likes a skill, or a list item, a few dozen.
        constexpr std::size_t kHeadingTokens = 12;
        constexpr std::size_t kClauseTokens = 48;
        constexpr std::size_t kMaxSectionLines = 25;
        std::size_t done = 0;  // tokens before this are settled (a section already read)
        for (const std::uint32_t k : at) {
            if (k < done || !soft_sense(toks, k)) {
                continue;
            }
            // The sentence of the soft word, within its line.
            const LineSpan sentence = line_of(text, toks, k, kClauseTokens, true);
            const std::size_t begin = sentence.first;
            const std::size_t end = sentence.last;
            // A heading over a section: the lines below it, up to the next heading. A bare line
            // ("Nice to Have", not "Startup experience a plus") opens with its soft word.
            std::size_t opening = begin;
            while (opening < k && toks[opening].punct == '*') {
                ++opening;
            }
            const bool own_line = (begin == 0 || line_break_before(text, toks, begin)) &&
                                  (end == toks.size() || line_break_before(text, toks, end));
            if (own_line && end - begin <= kHeadingTokens && !accepted_in(begin, end) &&
                (heading_line(toks, begin, end, true) ||
                 (k <= opening + 1 && heading_line(toks, begin, end, false)))) {
                if (std::any_of(toks.begin() + static_cast<std::ptrdiff_t>(begin),
                                toks.begin() + static_cast<std::ptrdiff_t>(end),
                                [&](const Token& t) { return in(hard_words, t); })) {
                    continue;  // "Required and preferred skills:"
                }
                std::size_t from = end;
                for (std::size_t lines = 0; from < toks.size() && lines < kMaxSectionLines;
                     ++lines) {
                    const LineSpan item = line_of(text, toks, from, kClauseTokens, false);
                    // A short line with no skill over a blank one heads the next section
                    // ("Related Skills"); the items of a list name skills or run on.
                    const bool bare_heading =
                        item.last < toks.size() &&
                        heading_line(toks, item.first, item.last, false) &&
                        !accepted_in(item.first, item.last) &&
                        text.substr(toks[item.last - 1].end,
                                    toks[item.last].begin - toks[item.last - 1].end)
                                .find("\n\n") != std::string_view::npos;
                    if (!item.whole || bare_heading ||
                        heading_line(toks, item.first, item.last, true) ||
                        (toks[item.first].capital && known_heading(text, toks, item.first))) {
                        break;  // a paragraph, or the next heading
                    }
                    mark(item.first, item.last);
                    from = item.last;
                }
                done = from;
                continue;
            }
            // Within the sentence the soft word bears on what follows it ("Nice to have:
            // Docker", "ideally PyTorch", "a plus if you know AWS") or on the clause before it
            // ("Docker is a plus", "AWS (preferred)").
            bool colon_after = false;
            for (std::size_t j = k + 1; j < end && j <= k + 4; ++j) {
                colon_after = colon_after || toks[j].punct == ':';
            }
            // The clause before: back to a ':' or ';', or a comma or "and" that opens a clause
            // of its own ("Python, experience with Docker a plus"); a closed bracket on the way
            // is part of it ("big data tools (e.g. Hadoop, Spark) would be advantageous"). A
            // soft word inside a bracket bears on the bracket's own words ("React or Vue (React
            // is a big plus)", "SQL databases (PostgreSQL preferred)"), or, as the bracket's
            // first words, on the item before it ("AWS (a plus)"); "(Spanish preferred)" likes
            // no skill.
            std::size_t clause = k;
            bool bracket = false;
            bool inside = false;     // the soft word stands in a bracket it does not close
            std::size_t closed = 0;  // brackets closed between here and the soft word
            // "ideally PyTorch", "(preferably MongoDB)": what follows, whatever stands before.
            const bool opener = in(soft_openers, toks[k]);
            while (clause > begin && !opener) {
                const Token& t = toks[clause - 1];
                if (t.punct == ')') {
                    ++closed;
                } else if (t.punct == '(' && closed > 0) {
                    --closed;
                } else if (closed > 0) {
                    --clause;
                    continue;
                } else if (t.punct == ':' || t.punct == ';') {
                    break;
                } else if (t.punct == '(' && !bracket) {
                    inside = true;
                    const bool opens =
                        std::all_of(toks.begin() + static_cast<std::ptrdiff_t>(clause),
                                    toks.begin() + static_cast<std::ptrdiff_t>(k),
                                    [&](const Token& w) { return in(plus_before, w); });
                    if (accepted_in(clause, k) || !opens) {
                        break;
                    }
                    bracket = true;
                }
                if (bracket && t.punct == ',' && clause < k) {
                    break;
                }
                if ((t.punct == ',' || (t.is_word() && t.hash == and_hash)) && clause < k &&
                    in(clause_nouns, toks[clause])) {
                    break;
                }
                --clause;
            }
            // What follows a soft word in a bracket ends with the bracket: "(writing skill is a
            // bonus — we'll provide the structure) Stay on top of AI automation".
            std::size_t after_end = end;
            for (std::size_t j = k + 1; j < end && (inside || opener); ++j) {
                if (toks[j].punct == ')') {
                    after_end = j;
                    break;
                }
            }
            if (bracket) {
                mark(clause, k);
            } else if (colon_after || opener || !accepted_in(clause, k)) {
                mark(k + 1, after_end);
            } else {
                mark(clause, k);
            }
        }
    }

    // Whether token k starts one of the headings the company-section scan knows.
    bool known_heading(std::string_view text, const Tokens& toks, std::size_t k) const {
        for (const PhraseList* ps : {&job_headings, &benefit_headings, &company_headings}) {
            if ((ps->first_bits & bit_of(toks[k].hash)) != 0 &&
                ps->any_at(PhraseList::Edge::First, toks[k].hash, [&](const Phrase& p) {
                    return phrase_after(toks, k, p) && heading_at(text, toks, k, p.hashes.size());
                })) {
                return true;
            }
        }
        return false;
    }

    // A space within a line: blank, tab, carriage return.
    static bool line_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

    // Where the line holding byte `at` ends: its line break, or the text's end.
    static std::size_t end_of_line(std::string_view text, std::size_t at) {
        const std::size_t end = text.find('\n', at);
        return end == std::string_view::npos ? text.size() : end;
    }

    // Whether bytes [from, to) of one line hold only spaces.
    static bool blank(std::string_view text, std::size_t from, std::size_t to) {
        return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                           text.begin() + static_cast<std::ptrdiff_t>(to), line_space);
    }

    // The bytes a heading at [begin, end) of the text rules out: the rest of its line after a
    // ':' when the heading opens the line ("Out of scope: UI."), or the lines below it up to a
    // blank line when it ends a short line of its own, or ends a line with a ':' after a
    // capital (a feed that lost the line break before it: "… documentation Future Phases:").
    // {0, 0}: the words are no heading.
    static std::pair<std::size_t, std::size_t> excluded_section(std::string_view text,
                                                                std::size_t begin,
                                                                std::size_t end) {
        constexpr std::size_t kMaxHeadingLine = 60;
        constexpr std::size_t kMaxLines = 15;
        std::size_t line = text.rfind('\n', begin);
        line = line == std::string_view::npos ? 0 : line + 1;
        auto letter = [](char ch) {
            const char low = text_tokens::lower(ch);
            return low >= 'a' && low <= 'z';
        };
        const bool opens_line =
            std::none_of(text.begin() + static_cast<std::ptrdiff_t>(line),
                         text.begin() + static_cast<std::ptrdiff_t>(begin), letter);
        std::size_t i = end;
        while (i < text.size() && (line_space(text[i]) || text[i] == ')' || text[i] == '-')) {
            ++i;
        }
        // A remark in brackets may follow on the line: "Future Phases (Separate Projects):".
        if (i < text.size() && text[i] == '(') {
            const std::size_t close = text.find_first_of(")\n", i);
            if (close != std::string_view::npos && text[close] == ')') {
                i = close + 1;
            }
        }
        const bool colon = i < text.size() && text[i] == ':';
        if (colon) {
            ++i;
        }
        const std::size_t line_end = end_of_line(text, i);
        if (!blank(text, i, line_end)) {
            return opens_line && colon ? std::pair{i, line_end}
                                       : std::pair{std::size_t{0}, std::size_t{0}};
        }
        const bool capital = static_cast<unsigned char>(text[begin] - 'A') < 26;
        if ((line_end - line > kMaxHeadingLine && !(capital && colon)) || line_end == text.size()) {
            return {0, 0};
        }
        // The lines below, up to a blank one.
        std::size_t at = line_end + 1;
        for (std::size_t lines = 0; at < text.size() && lines < kMaxLines; ++lines) {
            const std::size_t next = end_of_line(text, at);
            if (blank(text, at, next)) {
                break;
            }
            at = next + 1;
        }
        return {line_end + 1, std::min(at, text.size())};
    }

    // Whether the phrase of kMissionOpeners at token k (`length` tokens) states the employer's
    // mission rather than the hire's work: not in a sentence about "you" ("You'll define the
    // future of core pieces of our backend"). A verb of one word must also follow its subject
    // ("Neurotone is revolutionizing …"): opening a line or a sentence it is a duty ("Redefine
    // the data model in PostgreSQL"), and after any word of kJobWords, the hire's work.
    bool employer_changes(std::string_view text, const Tokens& toks, std::size_t k,
                          std::size_t length) const {
        const bool verb = length == 1;
        // The employer's mission ("our mission is", "Acme's mission:", "on a mission to"), not
        // a gig's ("the mission is to build a detector"); "mission" is rarer than "our".
        if (toks[k].hash == mission_hash &&
            (k == 0 || (toks[k - 1].hash != our_hash && toks[k - 1].hash != s_hash &&
                        toks[k - 1].hash != a_hash))) {
            return false;
        }
        if (verb && (k == 0 || !toks[k - 1].is_word() || toks[k - 1].sentence != toks[k].sentence ||
                     line_break_before(text, toks, k))) {
            return false;
        }
        for (std::size_t j = k; j-- > 0 && toks[j].sentence == toks[k].sentence;) {
            if (toks[j].hash == you_hash || (verb && in(job_words, toks[j]))) {
                return false;
            }
        }
        return true;
    }

    // Drops what a sentence names after one of kOthersLists (clients, investors, markets) or
    // kMissionOpeners (what the employer sets out to change).
    void drop_others_lists(std::string_view text, const Tokens& toks,
                           const std::vector<std::uint32_t>& at,
                           std::vector<Candidate>& cands) const {
        std::size_t ci = 0;
        std::size_t done = 0;  // tokens before this are settled
        for (const std::uint32_t k : at) {
            if (k < done || k + 1 >= toks.size() ||
                ((others_second & bit_of(toks[k + 1].hash)) == 0 &&
                 !(others_single.maybe(toks[k].hash) && in(others_single, toks[k])))) {
                continue;  // most such words start no phrase
            }
            std::size_t length = 0;
            bool mission = false;
            auto pi = std::lower_bound(
                others_lists.begin(), others_lists.end(), toks[k].hash,
                [](const Phrase& p, std::uint64_t h) { return p.hashes.front() < h; });
            for (; pi != others_lists.end() && pi->hashes.front() == toks[k].hash; ++pi) {
                if (phrase_after(toks, k, *pi)) {
                    length = pi->hashes.size();
                    mission = others_mission[static_cast<std::size_t>(pi - others_lists.begin())];
                    break;
                }
            }
            if (length == 0 || (mission && !employer_changes(text, toks, k, length))) {
                continue;
            }
            // "a team from Spotify, Docker, GitHub" names companies; "join the team from day
            // one and build with Docker" does not.
            if ((toks[k].hash == team_hash || toks[k].hash == teams_hash) &&
                (k + length >= toks.size() || !toks[k + length].capital)) {
                continue;
            }
            // A list that goes on on its own line ends with the line ("- Scale a platform
            // trusted by leaders in the ML industry\n- Define …": bullets have no full stops);
            // one that the phrase opens at a line's end runs on over the lines below.
            std::size_t end = k + length;
            const bool same_line =
                end < toks.size() && !line_break_before(text, toks, end) && toks[end].punct != ':';
            while (end < toks.size() && toks[end].sentence == toks[k].sentence &&
                   !in(job_words, toks[end]) &&
                   !(same_line && line_break_before(text, toks, end))) {
                ++end;
            }
            for (; ci < cands.size() && cands[ci].first < end; ++ci) {
                if (cands[ci].first >= k + length) {
                    cands[ci].state = State::Rejected;
                }
            }
            done = end;
        }
    }

    // A phrase of kTrainedAiBefore ends right before token `end` ("evaluate", "feedback on").
    bool judging_before(const Tokens& toks, std::size_t end) const {
        return end > 0 && (trained_ai_before.last_bits & bit_of(toks[end - 1].hash)) != 0 &&
               std::any_of(trained_ai_before.begin(), trained_ai_before.end(),
                           [&](const Phrase& p) { return phrase_before(toks, end, p); });
    }
    // A phrase of kTrainedAiAfter starts at token `k` ("responses", "generated", "trainer").
    bool judged_word_at(const Tokens& toks, std::size_t k) const {
        return k < toks.size() && (trained_ai_after.first_bits & bit_of(toks[k].hash)) != 0 &&
               std::any_of(trained_ai_after.begin(), trained_ai_after.end(),
                           [&](const Phrase& p) { return phrase_after(toks, k, p); });
    }

    // "help train AI", "rank ... responses produced by an AI model"
    bool trained_before(const Tokens& toks, const Candidate& c) const {
        const std::uint64_t head = toks[c.first].hash;
        return (head == ai_hash || head == artificial_hash) && judging_before(toks, c.first) &&
               !built_after(toks, c);
    }
    // "AI/ML solutions", "AI expert" (kBuiltAiAfter)
    bool built_after(const Tokens& toks, const Candidate& c) const {
        if (c.last >= toks.size()) {
            return false;
        }
        const Token& next = toks[c.last];
        return (next.punct == '/' && !next.spaced) || in(built_ai_after, next);
    }
    // "AI responses", "AI-generated", "AI trainer"
    bool trained_after(const Tokens& toks, const Candidate& c) const {
        const std::uint64_t tail = toks[c.last - 1].hash;
        return (tail == ai_hash || tail == intelligence_hash) && judged_word_at(toks, c.last);
    }

    // A match that starts with "AI", goes on with a word of kTrainedAiAfter and follows a verb of
    // kTrainedAiBefore in its sentence ("Evaluating the quality of AI-generated code"): its
    // words say that people judge AI. ("Reviewing AI-generated content" in a product's screens
    // does not: no judging verb.)
    bool judged_within(const Tokens& toks, const Candidate& c) const {
        if (toks[c.first].hash != ai_hash || c.first + 1 >= c.last ||
            !judged_word_at(toks, c.first + 1)) {
            return false;
        }
        const std::uint32_t sentence = toks[c.first].sentence;
        for (std::size_t end = c.first; end > 0 && end + kJudgingVerbWindow > c.first; --end) {
            if (toks[end - 1].sentence != sentence) {
                break;
            }
            if (judging_before(toks, end)) {
                return true;
            }
        }
        return false;
    }

    // A word of kAskedWords up to four tokens before the candidate or two after, in its sentence.
    bool asked_near(const Tokens& toks, const Candidate& c) const {
        const std::uint32_t sentence = toks[c.first].sentence;
        const std::size_t from = c.first >= 4 ? c.first - 4 : 0;
        const std::size_t to = std::min<std::size_t>(toks.size(), c.last + 2);
        for (std::size_t k = from; k < to; ++k) {
            if ((k < c.first || k >= c.last) && toks[k].sentence == sentence &&
                in(asked_words, toks[k])) {
                return true;
            }
        }
        return false;
    }

    // Two rules on a candidate's neighbours, in one pass over the candidates: a field right
    // before a noun of kBusinessNouns is a trade, not an asked skill, and so are the fields
    // listed before it; and in a gig where AI is
    // what people train or judge (kTrainedAiBefore, kTrainedAiAfter) and no machine-learning
    // tool is named, AI is not asked, nor the other machine-learning fields the gig judges
    // (unless asked_near, or kAiTrainingWork).
    void drop_trades_and_trained_ai(
        std::string_view text, const Tokens& toks,
        const std::vector<std::pair<std::uint32_t, std::uint32_t>>& tag_lines,
        std::vector<Candidate>& cands) const {
        bool trained = false;
        std::uint32_t judged = kNoGroup;  // the skill people judge (AI), if named
        bool ml_tool = false;
        // Labelling is the work when the text opens with it (its title or first sentence: "Data
        // annotation specialist."), not when a research posting lists "data annotation" among
        // its themes beside a dozen fields it asks for.
        bool labelling = false;
        std::size_t lead_end = 0;  // found at the first labelling skill: few texts name one
        for (std::size_t ci = 0; ci < cands.size(); ++ci) {
            Candidate& c = cands[ci];
            const Variant& v = *c.variant;
            if (c.state == State::Accepted) {
                ml_tool = ml_tool || (v.category < 64 && ((ml_tool_categories >> v.category) & 1u));
                if (!labelling && v.category == labelling_category) {
                    if (lead_end == 0) {
                        lead_end = std::min(text.find('\n'), text.find(". "));
                    }
                    labelling = toks[c.first].begin < lead_end;
                }
                if (!v.tool && !c.role && c.last < toks.size() &&
                    business_nouns.maybe(toks[c.last].hash) && in(business_nouns, toks[c.last])) {
                    c.state = State::Rejected;
                    // The fields listed before it share the noun: "the autonomous vehicle or
                    // robotics industry".
                    for (std::size_t k = ci; k-- > 0;) {
                        Candidate& item = cands[k];
                        if (item.state != State::Accepted || item.variant->tool || item.role ||
                            !links_only(toks, item.last, cands[k + 1].first)) {
                            break;
                        }
                        item.state = State::Rejected;
                    }
                    continue;
                }
            }
            // Rejected ones too: "AI-generated" is no skill but says what the gig is about. A
            // hashtag is a code word ("put #AI-Response on every line of your reply"); the
            // company's own pitch ("we map AI-generated summaries to ground truth") is its
            // product, not the work.
            if (!trained && !c.company && v.category == ml_category &&
                !(c.first > 0 && toks[c.first - 1].punct == '#' && !toks[c.first].spaced)) {
                if (trained_before(toks, c) || trained_after(toks, c)) {
                    trained = true;
                    judged = v.skill;
                } else if (judged_within(toks, c)) {
                    // "Evaluating AI-generated code" (LLM evaluation): the judging work itself
                    // says what the gig is about, and stays asked.
                    trained = true;
                }
            }
        }
        // Labelling work names the tasks its labels serve ("segmentation masks", "annotation
        // types such as named entity recognition"): what is labelled, not what the annotator
        // must know.
        if ((!trained && !labelling) || ml_tool) {
            return;
        }
        auto labelled_task = [&](const Variant& v) {
            return v.category == ml_category || (labelling && v.category == cv_task_category);
        };
        // An item of a list the text asks for ("experience with AI/LLM tools") is asked too.
        bool asked = false;
        std::uint32_t asked_end = 0;
        for (Candidate& c : cands) {
            if (c.state != State::Accepted) {
                continue;
            }
            const bool listed =
                asked && c.first > asked_end && c.first <= asked_end + 2 &&
                std::all_of(toks.begin() + asked_end, toks.begin() + c.first,
                            [&](const Token& t) { return contains(list_glue, t.hash); });
            // The platform's tags list what the client asks for: nothing there is judged.
            if (in_tag_line(tag_lines, c)) {
                continue;
            }
            asked = listed || asked_near(toks, c);
            asked_end = c.last;
            if (c.variant->skill == judged || (labelled_task(*c.variant) && !asked &&
                                               !contains(ai_training_work, c.variant->skill))) {
                c.state = State::Rejected;
            }
        }
    }

    // Drops the fields named in sentences where the employer describes itself.
    // Only before the first job heading: under "About the role", "we're building a platform
    // spanning data pipelines" describes the work.
    void drop_self_descriptions(std::string_view text, const Tokens& toks,
                                std::vector<Candidate>& cands, std::size_t first_job) const {
        SelfScan scan;
        bool started = false;
        for (Candidate& c : cands) {
            if (c.first >= first_job) {
                break;
            }
            if (c.state != State::Accepted || c.variant->tool) {
                continue;
            }
            const std::uint32_t s = toks[c.first].sentence;
            if (!started || s != scan.sentence) {
                scan = SelfScan{};
                scan.sentence = s;
                scan.begin = c.first;
                while (scan.begin > 0 && toks[scan.begin - 1].sentence == s) {
                    --scan.begin;
                }
                scan.at = scan.begin;
                started = true;
            }
            // Most sentences have no subject before the field: read no further than it, and the
            // few words of a name it may be part of ("TELUS Digital AI Community is").
            self_description(text, toks, cands, scan, c.last + 3);
            if (scan.job || (scan.subject == SelfScan::kNone && scan.weak == SelfScan::kNone)) {
                continue;
            }
            // A subject before the field: the rest of the sentence may still be the job's.
            self_description(text, toks, cands, scan, toks.size());
            const std::size_t from = scan.job                          ? SelfScan::kNone
                                     : scan.subject != SelfScan::kNone ? scan.subject
                                     : scan.noun                       ? scan.weak
                                                                       : SelfScan::kNone;
            if (from != SelfScan::kNone && c.first >= from) {
                c.state = State::Rejected;
            }
        }
    }

    // "(C)" and "(R)" are the copyright and registered signs written in letters (or a grade
    // label), not the languages: a one-letter name alone in brackets is no candidate. A pass of
    // its own: inside match()'s loop the check slowed every word.
    // A field opening a team's capitalised name ("our ML Acceleration team", "the AI Platform
    // Team"): colleagues, not an asked skill. One or two capitalised words that are no skill
    // stand between the field and the team noun.
    void mark_named_teams(const Tokens& toks, std::vector<Candidate>& cands) const {
        for (std::size_t ci = 0; ci < cands.size(); ++ci) {
            Candidate& c = cands[ci];
            if (c.state != State::Accepted || c.role || c.variant->tool || !toks[c.first].capital) {
                continue;
            }
            const std::size_t next_first =
                ci + 1 < cands.size() ? cands[ci + 1].first : toks.size();
            // A capitalised pronoun or article starts a phrase of its own ("… natural language
            // processing Our team values …", a full stop lost in the feed): no name goes on.
            std::size_t k = c.last;
            while (k < toks.size() && k < c.last + 2 && k < next_first && name_word(toks[k]) &&
                   !(maybe_role(toks[k].hash) && in(team_nouns, toks[k]))) {
                ++k;
            }
            if (k > c.last && k < toks.size() && maybe_role(toks[k].hash) &&
                in(team_nouns, toks[k])) {
                c.role = true;
            }
        }
    }

    // "AI" right before another machine-learning skill ("an AI chatbot", "AI RAG agent"), or
    // one capitalised word before it ("AI Quant Agent", "AI Negotiation Agent"), only says which
    // kind it is: the other skill is the one asked.
    void drop_ai_modifiers(const Tokens& toks, std::vector<Candidate>& cands) const {
        for (std::size_t ci = 0; ci + 1 < cands.size(); ++ci) {
            Candidate& c = cands[ci];
            const Candidate& next = cands[ci + 1];
            const bool adjacent =
                next.first == c.last ||
                (next.first == c.last + 1 && toks[c.last].is_word() && toks[c.last].capital &&
                 toks[next.first].capital && toks[next.first].spaced);
            if (c.state == State::Accepted && c.last == c.first + 1 &&
                toks[c.first].hash == ai_hash && next.state == State::Accepted && adjacent &&
                next.variant->category == ml_category && next.variant->skill != c.variant->skill) {
                c.state = State::Rejected;
            }
        }
    }

    // "not <skill>", "not a/an <skill>", "no/not/without (<word>) <skill>": what the work is
    // not ("This is not a chatbot project", "Go, not Java", "We do not do social media
    // marketing", "no scraping this time", "no speculative AI research", "without AI", "a
    // backend-only agent (no frontend)"), not an asked skill. The negation carries over a list:
    // "(no Puppeteer, Selenium, Playwright, etc.)".
    void drop_negated(const Tokens& toks, std::vector<Candidate>& cands) const {
        bool listing = false;  // the last match was negated: a list may carry it on
        std::size_t negated_end = 0;
        for (Candidate& c : cands) {
            if (c.state == State::Accepted && refused_after(toks, c.last)) {
                c.state = State::Rejected;
                continue;
            }
            if (c.state != State::Accepted || c.first == 0) {
                continue;
            }
            if (listing && links_only(toks, negated_end, c.first)) {
                c.state = State::Rejected;
                negated_end = c.last;
                continue;
            }
            listing = false;
            std::size_t k = c.first - 1;
            // "not a generic chatbot project": one word may stand between the article and
            // the skill.
            if (k > 1 && toks[k].is_word() &&
                (toks[k - 1].hash == a_hash || toks[k - 1].hash == an_hash)) {
                --k;
            }
            if (k > 0 && (toks[k].hash == a_hash || toks[k].hash == an_hash)) {
                --k;
            }
            // "no"/"without" right before the skill or one word before it, never with an
            // article; "not" the same, unless that word keeps it asked ("not only").
            auto no = [&](const Token& t) { return t.hash == no_hash || t.hash == without_hash; };
            const bool one_word_between =
                k + 1 == c.first && k > 0 && toks[k].is_word() && !toks[k].capital &&
                toks[k - 1].is_word() &&
                (no(toks[k - 1]) || (toks[k - 1].hash == not_hash && !in(not_only, toks[k])));
            if ((toks[k].hash == not_hash && toks[k].is_word()) || negated_be_at(toks, k)) {
                c.state = State::Rejected;
            } else if (k + 1 == c.first && no(toks[k])) {
                c.state = State::Rejected;
            } else if (one_word_between || without_the_use_of(toks, c.first) ||
                       negated_do_before(toks, c.first)) {
                c.state = State::Rejected;
            }
            if (c.state == State::Rejected) {
                listing = true;
                negated_end = c.last;
            }
        }
    }

    // Whether the sentence refuses what stands before token `last` within a few words of it:
    // "Selenium or similar browser-based solutions will not be accepted", "WordPress is not
    // allowed", "no-code builders are prohibited" (set 84) — the work must do without it.
    bool refused_after(const Tokens& toks, std::size_t last) const {
        constexpr std::size_t kWords = 8;
        const std::uint32_t sentence = toks[last - 1].sentence;
        std::size_t words = 0;
        for (std::size_t k = last; k < toks.size() && words < kWords; ++k) {
            const Token& t = toks[k];
            if (t.sentence != sentence) {
                return false;
            }
            if (!t.is_word()) {
                continue;
            }
            ++words;
            // The sentence says something else of it first: "Selenium is required, but
            // shortcuts are not allowed".
            const bool verb = t.hash == is_hash || t.hash == are_hash || t.hash == will_hash;
            if (verb && k + 1 < toks.size() && toks[k + 1].hash != not_hash &&
                !in(banned, toks[k + 1]) && !(t.hash == will_hash && toks[k + 1].hash == be_hash)) {
                return false;
            }
            const bool negated = t.hash == not_hash || contracted_not_at(toks, k, negated_do);
            if (negated) {
                std::size_t j = k + 1;
                if (j < toks.size() && toks[j].hash == be_hash) {
                    ++j;
                }
                return j < toks.size() && in(refused, toks[j]);
            }
            if (in(banned, t) && k > 0 &&
                (toks[k - 1].hash == is_hash || toks[k - 1].hash == are_hash)) {
                return true;
            }
        }
        return false;
    }

    // Whether a negated verb stands a few words before token `first`, in the same clause: "We
    // don't use React", "We do not need WordPress", "We don't need/use JS frameworks like React"
    // — the work does without it. "We don't just use React" keeps it (kNotOnly).
    bool negated_do_before(const Tokens& toks, std::size_t first) const {
        constexpr std::size_t kWords = 6;
        std::size_t words = 0;
        for (std::size_t k = first; k-- > 0 && words < kWords;) {
            const Token& t = toks[k];
            if (!t.is_word()) {
                if (t.punct != '/') {
                    return false;
                }
                continue;
            }
            const bool negated = contracted_not_at(toks, k, negated_do) ||
                                 (t.hash == not_hash && k >= 1 && in(do_words, toks[k - 1]));
            if (negated) {
                return k + 1 < first && !in(not_only, toks[k + 1]);
            }
            ++words;
        }
        return false;
    }

    // Whether token k is the "t" of "isn't", "aren't", "wasn't" or "weren't" (the apostrophe
    // typographic or not): "This isn't a chatbot" is "This is not a chatbot".
    bool negated_be_at(const Tokens& toks, std::size_t k) const {
        return contracted_not_at(toks, k, negated_be);
    }

    // Whether token k is the "t" of "<head>'t", glued, with <head> one of `heads` ("isn",
    // "don"): the tokenizer splits "don't" into "don", "'", "t".
    bool contracted_not_at(const Tokens& toks, std::size_t k,
                           const std::vector<std::uint64_t>& heads) const {
        return k >= 2 && toks[k].hash == t_hash && !toks[k].spaced && toks[k - 1].punct == '\'' &&
               !toks[k - 1].spaced && in(heads, toks[k - 2]);
    }

    // "Experience with AI or robotics isn't required", "Python is not necessary": a list of
    // skills the sentence then says the hire need not have. "… is not required but a plus"
    // keeps them asked, as a nice-to-have.
    void drop_not_required(std::string_view text, const Tokens& toks,
                           std::vector<Candidate>& cands) const {
        static constexpr std::string_view kNouns[] = {"experience ", "knowledge ",   "skills ",
                                                      "expertise ",  "familiarity ", "background "};
        static constexpr std::string_view kNegated[] = {
            "is not required",      "isn't required",     "isn\u2019t required", "are not required",
            "aren't required",      "not required",       "is not necessary",    "isn't necessary",
            "isn\u2019t necessary", "is not mandatory",   "is not needed",       "isn't needed",
            "is not a requirement", "isn't a requirement"};
        static constexpr std::string_view kStillAsked[] = {"plus",    "bonus",     "nice",
                                                           "helpful", "preferred", "advantage"};
        for (std::size_t ci = 0; ci < cands.size(); ++ci) {
            const Candidate& c = cands[ci];
            if (c.state != State::Accepted || c.last >= toks.size()) {
                continue;
            }
            // Most matches are followed by none of the words that open "(knowledge) is not
            // required": a filter bit settles them (a search per word cost 6 % of extraction).
            if (!maybe_not_required(toks[c.last].hash)) {
                continue;
            }
            std::string_view after = text.substr(toks[c.last - 1].end, 48);
            if (after.find("not ") == std::string_view::npos &&
                after.find("n't ") == std::string_view::npos &&
                after.find("n\u2019t ") == std::string_view::npos) {
                continue;  // "Python is a plus", "Python experience"
            }
            std::string rest = ascii::to_lower(after);
            std::string_view r = rest;
            r.remove_prefix(std::min(r.find_first_not_of(' '), r.size()));
            for (std::string_view noun : kNouns) {
                if (r.starts_with(noun)) {
                    r.remove_prefix(noun.size());
                }
            }
            const bool negated = std::any_of(std::begin(kNegated), std::end(kNegated),
                                             [&](std::string_view n) { return r.starts_with(n); });
            if (!negated) {
                continue;
            }
            // The rest of the sentence may make it a nice-to-have.
            std::string_view sentence = std::string_view(text).substr(toks[c.last - 1].end, 120);
            sentence =
                sentence.substr(0, std::min(sentence.find_first_of(".;\n"), sentence.size()));
            const std::string tail = ascii::to_lower(sentence);
            if (std::any_of(
                    std::begin(kStillAsked), std::end(kStillAsked),
                    [&](std::string_view w) { return tail.find(w) != std::string::npos; })) {
                continue;
            }
            // The match and the list items before it.
            for (std::size_t k = ci + 1; k-- > 0;) {
                Candidate& item = cands[k];
                if (k < ci && !links_only(toks, item.last, cands[k + 1].first)) {
                    break;
                }
                item.state = State::Rejected;
            }
        }
    }

    // "Pinecone or a similar vector database", "Airflow or other orchestration tools": the
    // second names the kind the first belongs to, not a skill of its own (readers label the most
    // specific one). Rejected when the first's broader skill, or one it implies, is the second.
    // The kind may come first, with the named as its examples: "AI tools (Cursor, Copilot,
    // Gemini)", "AI models like Claude" — then any item of the list may be of that kind, its
    // broader and implied skills followed four steps (Gemini → LLM → NLP → AI). And a part of
    // the system a named tool serves is no skill of its own either (part_served). The same pass
    // leaves out past employers (past_employer): one walk over the candidates, not two.
    void drop_kinds_of_the_named(const Tokens& toks, std::vector<Candidate>& cands) const {
        const auto& skills = taxonomy->skills();
        const Candidate* named = nullptr;
        std::size_t part_end = 0;      // end of the last part left out: "(frontend & backend)"
        std::size_t employer_end = 0;  // past_employer's list
        for (std::size_t ci = 0; ci < cands.size(); ++ci) {
            Candidate& c = cands[ci];
            if (c.state != State::Accepted) {
                continue;
            }
            if (past_employer(toks, c, employer_end)) {
                c.state = State::Rejected;
                continue;
            }
            // The tokens around a match settle nearly every one before its variant is read.
            const bool bracket = (c.first > 0 && toks[c.first - 1].punct == '(') ||
                                 (c.last < toks.size() && toks[c.last].punct == '(');
            const bool listed = part_end > 0 && c.first <= part_end + 3;
            if ((bracket || listed) && web_part(c) &&
                ((listed && links_only(toks, part_end, c.first)) ||
                 (bracket && part_bracketed(toks, cands, ci, named)))) {
                c.state = State::Rejected;
                part_end = c.last;
                continue;
            }
            if (named != nullptr && c.first > named->last && c.first <= named->last + 5 &&
                kind_link(toks, named->last, c.first)) {
                const Skill& first = skills[named->variant->skill];
                const std::string& second = skills[c.variant->skill].id;
                // A field before a kind noun names the kind whatever the relations say: "Go,
                // Python or similar systems programming languages".
                const bool kind_noun = named->variant->tool && !c.variant->tool &&
                                       c.last < toks.size() && in(example_nouns, toks[c.last]);
                if (kind_noun || first.broader == second ||
                    std::find(first.implies.begin(), first.implies.end(), second) !=
                        first.implies.end()) {
                    c.state = State::Rejected;
                    continue;
                }
            }
            const bool may_have_examples =
                c.last < toks.size() && (example_openers & bit_of(toks[c.last].hash)) != 0;
            const bool after_the = c.first >= 3 && toks[c.first - 1].hash == the_hash;
            const bool after_named = named != nullptr && c.first <= named->last + 2;
            if ((may_have_examples && !c.variant->tool && examples_follow(toks, cands, ci)) ||
                (after_the && part_served(toks, named, c)) ||
                (after_named && part_named(toks, named, c))) {
                c.state = State::Rejected;
                continue;
            }
            named = &c;
        }
    }

    // "Node.js for the backend", "React on the frontend": a web field that names roles (front
    // end, back end, full stack) is the part of the system the named tool serves, when it ends
    // its phrase ("for the backend API" may ask for back-end work). Other fields stay asked:
    // "Python for the data analysis".
    bool part_served(const Tokens& toks, const Candidate* named, const Candidate& c) const {
        return named != nullptr && named->variant->tool && web_part(c) && c.first >= 3 &&
               named->last + 2 == c.first && toks[c.first - 1].hash == the_hash &&
               (toks[c.first - 2].hash == for_hash || toks[c.first - 2].hash == on_hash) &&
               (c.last >= toks.size() || !toks[c.last].is_word());
    }

    // "a FastAPI backend", "a .NET backend and React frontend", "Supabase's backend features":
    // the part the tool right before it makes up, when the part ends its phrase ("Node.js
    // backend development" asks for the work) or is the tool's own. A field that implies the
    // parts is none of them ("strong TypeScript full-stack").
    bool part_named(const Tokens& toks, const Candidate* named, const Candidate& c) const {
        const bool adjacent = named->last == c.first;
        const bool possessive = named->last + 2 == c.first && toks[named->last].punct == '\'' &&
                                toks[named->last + 1].hash == s_hash;
        return (adjacent || possessive) && named->variant->tool && web_part(c) &&
               taxonomy->skills()[c.variant->skill].implies.empty() &&
               (possessive || c.last >= toks.size() || !toks[c.last].is_word() ||
                toks[c.last].hash == and_hash || toks[c.last].hash == or_hash);
    }

    bool web_part(const Candidate& c) const {
        return c.variant->names_roles && c.variant->category == web_category;
    }

    // The same in brackets: "TypeScript (frontend & backend)", "our backend (Django/Python)".
    bool part_bracketed(const Tokens& toks, const std::vector<Candidate>& cands, std::size_t ci,
                        const Candidate* named) const {
        const Candidate& c = cands[ci];
        if (named != nullptr && named->variant->tool && named->last + 1 == c.first &&
            toks[c.first - 1].punct == '(') {
            return true;
        }
        return ci + 1 < cands.size() && c.last < toks.size() && toks[c.last].punct == '(' &&
               cands[ci + 1].first == c.last + 1 && cands[ci + 1].state == State::Accepted &&
               cands[ci + 1].variant->tool;
    }

    // Whether the field cands[ci] is followed by examples of itself: a word of kExampleNouns
    // or none, then "like", "such as" or "including" (or, after the noun, "("), then a list of
    // named skills one of which is of the field's kind (names it does not know may stand
    // between them).
    bool examples_follow(const Tokens& toks, const std::vector<Candidate>& cands,
                         std::size_t ci) const {
        const Candidate& c = cands[ci];
        std::size_t k = c.last;
        const bool noun = k < toks.size() && in(example_nouns, toks[k]);
        if (noun) {
            ++k;  // "AI tools …"
        }
        if (k >= toks.size()) {
            return false;
        }
        if (toks[k].hash == like_hash || toks[k].hash == including_hash) {
            ++k;
        } else if (toks[k].hash == such_hash && k + 1 < toks.size() &&
                   toks[k + 1].hash == as_hash) {
            k += 2;
        } else if (noun && toks[k].punct == '(' && toks[k - 1].hash != models_hash) {
            ++k;
        } else {
            return false;
        }
        std::size_t end = k;
        for (std::size_t ni = ci + 1; ni < cands.size(); ++ni) {
            const Candidate& item = cands[ni];
            if (item.first < end) {
                continue;  // overlaps the previous item
            }
            // Between items, list links and names the taxonomy does not know ("Cursor").
            if (item.first > end + 4 ||
                !std::all_of(toks.begin() + end, toks.begin() + item.first,
                             [&](const Token& t) { return is_link(t) || t.capital; })) {
                return false;
            }
            if (item.state == State::Accepted) {
                const auto& kinds = kinds_of[item.variant->skill];
                if (contains(kinds, c.variant->skill)) {
                    return true;
                }
            }
            end = item.last;
        }
        return false;
    }

    // Tokens [from, to) are "or (a/an/any) similar", "or other", "or another", "or equivalent",
    // "or comparable", with an optional comma before "or".
    bool kind_link(const Tokens& toks, std::size_t from, std::size_t to) const {
        std::size_t k = from;
        if (k < to && toks[k].punct == ',') {
            ++k;
        }
        if (k >= to || toks[k].hash != or_hash) {
            return false;
        }
        ++k;
        if (k < to &&
            (toks[k].hash == a_hash || toks[k].hash == an_hash || toks[k].hash == any_hash)) {
            ++k;
        }
        return k + 1 == to && in(kind_words, toks[k]);
    }

    // "without (the) use of <skill>" before token `first`.
    bool without_the_use_of(const Tokens& toks, std::size_t first) const {
        if (first < 3 || toks[first - 1].hash != of_hash || toks[first - 2].hash != use_hash) {
            return false;
        }
        const std::size_t before = toks[first - 3].hash == the_hash ? first - 4 : first - 3;
        return before < first && toks[before].hash == without_hash;
    }

    // Tokens [from, to) are one to three list links (", ", " or ", ", and "): the words on
    // both sides are items of one list.
    bool links_only(const Tokens& toks, std::size_t from, std::size_t to) const {
        if (to <= from || to - from > 3) {
            return false;
        }
        for (std::size_t k = from; k < to; ++k) {
            if (!is_link(toks[k])) {
                return false;
            }
        }
        return true;
    }

    static void drop_bracketed_letters(const Tokens& toks, std::vector<Candidate>& cands) {
        std::erase_if(cands, [&](const Candidate& c) {
            const Token& t = toks[c.first];
            return c.last == c.first + 1 && t.end - t.begin == 1 && c.first > 0 &&
                   c.last < toks.size() && toks[c.first - 1].punct == '(' &&
                   toks[c.last].punct == ')' && !t.spaced && !toks[c.last].spaced;
        });
    }

    // A sentence in quotes is someone's words, an example of the work or a question to answer
    // ("We have everything from \"Which piece of Python code is better?\" to \"Make a full
    // mobile application using this chatbot\""): what it names is not asked. Quotes pair in
    // order within a line; a short quote ("reference.jpeg", a product's name) is a name.
    static void drop_quoted_examples(std::string_view text, const Tokens& toks,
                                     std::vector<Candidate>& cands) {
        // Typographic quotes (“ ”) are '"' tokens too.
        if (text.find('"') == std::string_view::npos &&
            text.find("\xE2\x80\x9C") == std::string_view::npos &&
            text.find("\xE2\x80\x9D") == std::string_view::npos) {
            return;
        }
        std::size_t next = 0;  // the first candidate not yet looked at
        std::size_t open = toks.size();
        for (std::size_t k = 0; k < toks.size() && next < cands.size(); ++k) {
            if (toks[k].punct != '"') {
                continue;
            }
            if (open == toks.size() ||
                text.substr(toks[open].end, toks[k].begin - toks[open].end).find('\n') !=
                    std::string_view::npos) {
                open = k;
                continue;
            }
            const std::size_t words = toks[k].word_index - toks[open].word_index;
            if (words >= kQuotedSentenceWords) {
                while (next < cands.size() && cands[next].first <= open) {
                    ++next;
                }
                for (; next < cands.size() && cands[next].last <= k; ++next) {
                    cands[next].state = State::Rejected;
                }
            }
            open = toks.size();
        }
    }

    // Phase two: decide the conditional candidates from the tokens and candidates around them.
    void confirm(std::string_view text, const Tokens& toks, std::vector<Candidate>& cands) const {
        thread_local std::vector<char> studied;
        studied.assign(cands.size(), 0);
        for (std::size_t i = 0; i < cands.size(); ++i) {
            if (after_study_prefix(toks, cands, studied, i)) {
                studied[i] = 1;
                cands[i].state = State::Rejected;
            }
        }
        bool waiting = false;
        for (Candidate& c : cands) {
            if (c.state == State::Rejected) {
                continue;
            }
            if (decide(toks, c, waiting)) {
                fall_back(text, toks, c, waiting);
            }
        }
        // Unambiguous accepted skills confirm pending ones ("Python, R and Go"); one pass is
        // enough, since a word confirmed this way confirms nothing in turn.
        if (!waiting) {
            return;
        }
        for (std::size_t i = 0; i < cands.size(); ++i) {
            Candidate& c = cands[i];
            if (c.state != State::Pending) {
                continue;
            }
            c.state = skill_near(toks, cands, i, rules[static_cast<std::size_t>(c.variant->rule)])
                          ? State::Accepted
                          : State::Rejected;
            if (c.state == State::Rejected && fall_back(text, toks, c, waiting) &&
                c.state == State::Pending) {
                c.state =
                    skill_near(toks, cands, i, rules[static_cast<std::size_t>(c.variant->rule)])
                        ? State::Accepted
                        : State::Rejected;
            }
        }
    }

    // A longer alias that failed its context leaves the shorter alias it began with, judged by
    // its own rules ("LLM" in "cache LLM-generated responses"). Returns whether there was one.
    // Looked up again here rather than remembered by the match scan: the failure is rare, and
    // the scan is the hot loop.
    __attribute__((noinline)) bool fall_back(std::string_view text, const Tokens& toks,
                                             Candidate& c, bool& waiting) const {
        if (c.last - c.first < 2) {
            return false;
        }
        const auto [best, best_len] = longest_alias(text, toks, c.first, c.last - 1);
        if (best == nullptr) {
            return false;
        }
        c.variant = best;
        c.last = static_cast<std::uint32_t>(c.first + best_len);
        c.state = State::Pending;
        decide(toks, c, waiting);
        return true;
    }

    // Decides one candidate by its own context: accepted, rejected, or left pending for a
    // nearby skill to confirm (`waiting`). Returns whether its context rejected it. Inlined into
    // confirm's loop, where it runs for every match: as a call it cost bench_extraction 2 %.
    __attribute__((always_inline)) bool decide(const Tokens& toks, Candidate& c,
                                               bool& waiting) const {
        const Variant& v = *c.variant;
        if (!v.conditional()) {
            c.state = State::Accepted;
            return false;
        }
        const CompiledRule* rule = v.rule >= 0 ? &rules[static_cast<std::size_t>(v.rule)] : nullptr;
        if (any_before(toks, c.first, v.not_prev) || any_after(toks, c.last, v.not_next) ||
            (rule != nullptr && (any_before(toks, c.first, rule->reject_prev) ||
                                 any_after(toks, c.last, rule->reject_next)))) {
            c.state = State::Rejected;
            return true;
        }
        if (rule == nullptr) {
            c.state = State::Accepted;
            return false;
        }
        // A reject word nearby outranks every accept; but where nothing accepts and no nearby
        // skill may, the match is rejected anyway, and the window is read once, not twice (the
        // common case: "deploy" with no model near it).
        const bool accepted = rule->reject_only || any_before(toks, c.first, rule->accept_prev) ||
                              any_after(toks, c.last, rule->accept_next) ||
                              word_near(toks, c, rule->window, rule->accept_near);
        if ((accepted || rule->near_skill) &&
            !word_near(toks, c, rule->window, rule->reject_near)) {
            if (accepted) {
                c.state = State::Accepted;
            } else {
                waiting = true;  // stays Pending until a nearby skill is accepted
            }
            return false;
        }
        c.state = State::Rejected;
        return true;
    }
};

namespace {

// For each skill (by index), the skills it is a kind of: its broader and implied skills, and
// theirs, four steps deep, sorted (drop_kinds_of_the_named: "AI tools like Gemini", Gemini →
// LLM → NLP → AI).
std::vector<std::vector<std::uint32_t>> kinds_of_each(const Taxonomy& taxonomy) {
    const auto& skills = taxonomy.skills();
    auto index_of = [&](const std::string& id) -> std::optional<std::uint32_t> {
        const Skill* s = taxonomy.find(id);
        if (s == nullptr) {
            return std::nullopt;
        }
        return static_cast<std::uint32_t>(s - skills.data());
    };
    std::vector<std::vector<std::uint32_t>> out(skills.size());
    for (std::uint32_t k = 0; k < skills.size(); ++k) {
        std::vector<std::uint32_t>& kinds = out[k];
        std::vector<std::uint32_t> step{k};
        for (int depth = 0; depth < 4 && !step.empty(); ++depth) {
            std::vector<std::uint32_t> next;
            auto add = [&](const std::string& id) {
                const auto found = index_of(id);
                if (found && *found != k &&
                    std::find(kinds.begin(), kinds.end(), *found) == kinds.end()) {
                    kinds.push_back(*found);
                    next.push_back(*found);
                }
            };
            for (std::uint32_t from : step) {
                if (!skills[from].broader.empty()) {
                    add(skills[from].broader);
                }
                for (const std::string& id : skills[from].implies) {
                    add(id);
                }
            }
            step = std::move(next);
        }
        std::sort(kinds.begin(), kinds.end());
    }
    return out;
}

}  // namespace

SkillExtractor::SkillExtractor(const Taxonomy& taxonomy) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.taxonomy = &taxonomy;

    std::unordered_map<std::string, std::uint32_t> category_index;
    for (const auto& c : taxonomy.categories()) {
        category_index.emplace(c.id, static_cast<std::uint32_t>(category_index.size()));
    }
    std::unordered_map<std::string, int> rule_index;
    for (const auto& r : taxonomy.contexts()) {
        CompiledRule cr;
        cr.window = r.window;
        cr.near_skill = r.accept_near_skill;
        if (!r.near_categories.empty()) {
            cr.near_category.assign(category_index.size(), false);
            for (const auto& c : r.near_categories) {
                cr.near_category[category_index.at(c)] = true;
            }
        }
        cr.accept_prev = compile_phrases(r.accept_prev);
        cr.accept_next = compile_phrases(r.accept_next);
        cr.reject_prev = compile_phrases(r.reject_prev);
        cr.reject_next = compile_phrases(r.reject_next);
        cr.accept_near = compile_word_list(r.accept_near);
        cr.reject_near = compile_word_list(r.reject_near);
        cr.reject_only = !r.accept_near_skill && r.accept_prev.empty() && r.accept_next.empty() &&
                         r.accept_near.empty();
        rule_index.emplace(r.name, static_cast<int>(m.rules.size()));
        m.rules.push_back(std::move(cr));
    }

    std::vector<std::string> prefixes(std::begin(kStudyPrefixes), std::end(kStudyPrefixes));
    prefixes.insert(prefixes.end(), std::begin(kStudyExamplePrefixes),
                    std::end(kStudyExamplePrefixes));
    prefixes.insert(prefixes.end(), std::begin(kCategoryPrefixes), std::end(kCategoryPrefixes));
    prefixes.insert(prefixes.end(), std::begin(kInstitutionPrefixes),
                    std::end(kInstitutionPrefixes));
    m.study_prefixes = compile_phrases(prefixes);
    m.in_hash = text_tokens::hash_lower("in");
    for (const Phrase& p : m.study_prefixes) {
        m.study_prefix_ends.push_back(p.hashes.back());
        if (p.hashes.size() > 1 && p.hashes.back() == m.in_hash) {
            Phrase head = p;
            head.hashes.pop_back();
            m.study_heads.add(std::move(head));
        }
    }
    std::sort(m.study_prefix_ends.begin(), m.study_prefix_ends.end());
    std::vector<std::string> glue(std::begin(kListGlue), std::end(kListGlue));
    m.list_glue = compile_words(glue);
    m.phrase_ends =
        compile_words(std::vector<std::string>(std::begin(kPhraseEnds), std::end(kPhraseEnds)));
    m.role_nouns =
        compile_words(std::vector<std::string>(std::begin(kRoleNouns), std::end(kRoleNouns)));
    m.team_nouns =
        compile_words(std::vector<std::string>(std::begin(kTeamNouns), std::end(kTeamNouns)));
    m.departments =
        compile_words(std::vector<std::string>(std::begin(kDepartments), std::end(kDepartments)));
    m.with_words =
        compile_words(std::vector<std::string>(std::begin(kWithWords), std::end(kWithWords)));
    m.team_list_openers = compile_phrases(
        std::vector<std::string>(std::begin(kTeamListOpeners), std::end(kTeamListOpeners)));
    std::vector<std::string> colleagues(std::begin(kColleagueNouns), std::end(kColleagueNouns));
    colleagues.insert(colleagues.end(), std::begin(kTeamNouns), std::end(kTeamNouns));
    m.colleague_nouns = compile_words(colleagues);
    m.colleague_links = compile_words(
        std::vector<std::string>(std::begin(kColleagueFieldLinks), std::end(kColleagueFieldLinks)));
    m.with_hash = text_tokens::hash_lower("with");
    m.project_verbs =
        compile_words(std::vector<std::string>(std::begin(kProjectVerbs), std::end(kProjectVerbs)));
    m.project_nouns =
        compile_words(std::vector<std::string>(std::begin(kProjectNouns), std::end(kProjectNouns)));
    m.partner_verbs =
        compile_words(std::vector<std::string>(std::begin(kPartnerVerbs), std::end(kPartnerVerbs)));
    m.partner_fillers = compile_words(
        std::vector<std::string>(std::begin(kPartnerFillers), std::end(kPartnerFillers)));
    m.work_verbs =
        compile_words(std::vector<std::string>(std::begin(kWorkVerbs), std::end(kWorkVerbs)));
    m.partner_followers = compile_words(
        std::vector<std::string>(std::begin(kPartnerFollowers), std::end(kPartnerFollowers)));
    m.http_hash = text_tokens::hash_lower("http");
    m.https_hash = text_tokens::hash_lower("https");
    m.www_hash = text_tokens::hash_lower("www");
    m.domain_ends =
        compile_words(std::vector<std::string>(std::begin(kDomainEnds), std::end(kDomainEnds)));
    m.company_headings = compile_phrases(
        std::vector<std::string>(std::begin(kCompanyHeadings), std::end(kCompanyHeadings)));
    m.job_headings =
        compile_phrases(std::vector<std::string>(std::begin(kJobHeadings), std::end(kJobHeadings)));
    m.benefit_headings = compile_phrases(
        std::vector<std::string>(std::begin(kBenefitHeadings), std::end(kBenefitHeadings)));
    m.job_about =
        compile_words(std::vector<std::string>(std::begin(kJobAbout), std::end(kJobAbout)));
    auto words_of = [](const auto& list) {
        return compile_word_list(std::vector<std::string>(std::begin(list), std::end(list)));
    };
    auto word_list_of = [](const auto& list) {
        return compile_word_list(std::vector<std::string>(std::begin(list), std::end(list)));
    };
    m.company_verbs = words_of(kCompanyVerbs);
    m.we_verbs = words_of(kWeVerbs);
    m.be_verbs = words_of(kBeVerbs);
    m.company_nouns = words_of(kCompanyNouns);
    m.employer_nouns = words_of(kEmployerNouns);
    m.kind_words = words_of(kKindOfWords);
    m.example_nouns = words_of(kExampleNouns);
    for (std::uint64_t h : m.example_nouns) {
        m.example_openers |= bit_of(h);
    }
    m.former_words = words_of(kFormerWords);
    assert(m.former_words.size() == 3 && "past_employer compares the three");
    m.leader_words = words_of(kLeaderWords);
    m.models_hash = text_tokens::hash_lower("models");
    m.any_hash = text_tokens::hash_lower("any");
    m.own_nouns = words_of(kOwnNouns);
    m.object_prepositions = words_of(kObjectPrepositions);
    m.hiring_words = words_of(kHiringWords);
    m.product_nouns = words_of(kProductNouns);
    m.list_verbs = words_of(kListVerbs);
    m.using_words = words_of(kUsingWords);
    m.tool_words = words_of(kToolWords);
    m.role_qualifiers = words_of(kRoleQualifiers);
    m.its_hash = text_tokens::hash_lower("its");
    m.behind_hash = text_tokens::hash_lower("behind");
    m.scope_hash = text_tokens::hash_lower("scope");
    m.goals_hash = text_tokens::hash_lower("goals");
    m.included_hash = text_tokens::hash_lower("included");
    m.doing_hash = text_tokens::hash_lower("doing");
    m.phases_hash = text_tokens::hash_lower("phases");
    m.phase_hash = text_tokens::hash_lower("phase");
    m.future_hash = text_tokens::hash_lower("future");
    m.later_hash = text_tokens::hash_lower("later");
    m.fit_hash = text_tokens::hash_lower("fit");
    m.if_hash = text_tokens::hash_lower("if");
    m.good_hash = text_tokens::hash_lower("good");
    m.out_hash = text_tokens::hash_lower("out");
    m.of_hash = text_tokens::hash_lower("of");
    m.ex_hash = text_tokens::hash_lower("ex");
    m.non_hash = text_tokens::hash_lower("non");
    m.skills_hash = text_tokens::hash_lower("skills");
    // The words that open a product list, the key words of the headings over what the work
    // leaves out, and the "Skills:" label of a tag line are noted by the match scan like the
    // others lists' first words (`others_at`): no pass of its own looks for them.
    m.shared_objects = words_of(kSharedObjects);
    std::vector<std::uint64_t> noted_words = m.list_verbs;
    noted_words.insert(noted_words.end(), m.shared_objects.begin(), m.shared_objects.end());
    noted_words.push_back(m.behind_hash);
    noted_words.insert(noted_words.end(), m.product_nouns.begin(), m.product_nouns.end());
    for (std::uint64_t h : {m.scope_hash, m.goals_hash, m.included_hash, m.doing_hash,
                            m.phases_hash, m.phase_hash, m.fit_hash, m.skills_hash}) {
        noted_words.push_back(h);
    }
    m.soft_words = word_list_of(kSoftWords);
    for (std::uint64_t h : m.soft_words) {
        add_word(m.soft_filter, h);
    }
    m.hard_words = word_list_of(kHardWords);
    m.plus_before = word_list_of(kPlusBefore);
    m.bonus_after = word_list_of(kBonusAfter);
    m.soft_openers = word_list_of(kSoftOpeners);
    m.clause_nouns = word_list_of(kClauseNouns);
    m.plus_hash = text_tokens::hash_lower("plus");
    m.advantage_hash = text_tokens::hash_lower("advantage");
    m.nice_hash = text_tokens::hash_lower("nice");
    m.bonus_hash = text_tokens::hash_lower("bonus");
    m.bonuses_hash = text_tokens::hash_lower("bonuses");
    m.to_hash = text_tokens::hash_lower("to");
    m.have_hash = text_tokens::hash_lower("have");
    m.haves_hash = text_tokens::hash_lower("haves");
    m.be_hash = text_tokens::hash_lower("be");
    noted_words.insert(noted_words.end(), m.soft_words.begin(), m.soft_words.end());
    for (std::uint64_t h : noted_words) {
        add_word(m.others_filter, h);
        const std::uint64_t bit = h >> Impl::kFilterShift;
        m.first_token_filter[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    }
    m.team_hash = text_tokens::hash_lower("team");
    m.teams_hash = text_tokens::hash_lower("teams");
    m.job_words = words_of(kJobWords);
    m.not_names = words_of(kNotNames);
    m.not_only = words_of(kNotOnly);
    m.refused = words_of(kRefusedWords);
    m.banned = words_of(kBannedWords);
    m.without_hash = text_tokens::hash_lower("without");
    m.use_hash = text_tokens::hash_lower("use");
    m.the_hash = text_tokens::hash_lower("the");
    m.object_determiners = words_of(kObjectDeterminers);
    m.adjective_openers = words_of(kAdjectiveOpeners);
    m.business_nouns = compile_word_list(
        std::vector<std::string>(std::begin(kBusinessNouns), std::end(kBusinessNouns)));
    {
        // Sorted by their first tokens, so drop_others_lists reads only the phrases a noted
        // word starts; a phrase keeps whether it states a mission.
        PhraseList lists = compile_phrases(
            std::vector<std::string>(std::begin(kOthersLists), std::end(kOthersLists)));
        PhraseList missions = compile_phrases(
            std::vector<std::string>(std::begin(kMissionOpeners), std::end(kMissionOpeners)));
        std::vector<std::pair<Phrase, bool>> all;
        for (const Phrase& p : lists) {
            all.emplace_back(p, false);
        }
        for (const Phrase& p : missions) {
            all.emplace_back(p, true);
        }
        std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
            return a.first.hashes.front() < b.first.hashes.front();
        });
        for (auto& [phrase, mission] : all) {
            m.others_lists.add(std::move(phrase));
            m.others_mission.push_back(mission);
        }
    }
    for (const Phrase& p : m.others_lists) {
        if (p.hashes.size() == 1) {
            m.others_single.push_back(p.hashes.front());
            m.others_single.note(p.hashes.front());
        } else {
            m.others_second |= bit_of(p.hashes.at(1));
        }
        const std::uint64_t h = p.hashes.front();
        add_word(m.others_filter, h);
        const std::uint64_t bit = h >> Impl::kFilterShift;
        m.first_token_filter[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    }
    std::sort(m.others_single.begin(), m.others_single.end());
    m.trained_ai_before = compile_phrases(
        std::vector<std::string>(std::begin(kTrainedAiBefore), std::end(kTrainedAiBefore)));
    m.trained_ai_after = compile_phrases(
        std::vector<std::string>(std::begin(kTrainedAiAfter), std::end(kTrainedAiAfter)));
    m.asked_words =
        compile_words(std::vector<std::string>(std::begin(kAskedWords), std::end(kAskedWords)));
    m.built_ai_after =
        compile_words(std::vector<std::string>(std::begin(kBuiltAiAfter), std::end(kBuiltAiAfter)));
    for (std::string_view id : kAiTrainingWork) {
        for (std::uint32_t k = 0; k < taxonomy.skills().size(); ++k) {
            if (taxonomy.skills()[k].id == id) {
                m.ai_training_work.push_back(k);
            }
        }
    }
    std::sort(m.ai_training_work.begin(), m.ai_training_work.end());
    if (auto it = category_index.find("ml"); it != category_index.end()) {
        m.ml_category = it->second;
    }
    if (auto it = category_index.find("cv-task"); it != category_index.end()) {
        m.cv_task_category = it->second;
    }
    if (auto it = category_index.find("labelling"); it != category_index.end()) {
        m.labelling_category = it->second;
    }
    if (auto it = category_index.find("design"); it != category_index.end()) {
        m.design_category = it->second;
    }
    if (auto it = category_index.find("language"); it != category_index.end()) {
        m.language_category = it->second;
    }
    if (auto it = category_index.find("web"); it != category_index.end()) {
        m.web_category = it->second;
    }
    for (std::string_view c : kMlToolCategories) {
        if (auto it = category_index.find(std::string(c)); it != category_index.end()) {
            m.ml_tool_categories |= it->second < 64 ? std::uint64_t{1} << it->second : 0;
        }
    }
    m.ai_hash = text_tokens::hash_lower("ai");
    m.artificial_hash = text_tokens::hash_lower("artificial");
    m.intelligence_hash = text_tokens::hash_lower("intelligence");
    m.why_hash = text_tokens::hash_lower("why");
    m.what_hash = text_tokens::hash_lower("what");
    m.at_hash = text_tokens::hash_lower("at");
    m.not_hash = text_tokens::hash_lower("not");
    m.no_hash = text_tokens::hash_lower("no");
    m.and_hash = text_tokens::hash_lower("and");
    m.edge_hash = text_tokens::hash_lower("edge");
    m.figurative_edges = {text_tokens::hash_lower("cutting"), text_tokens::hash_lower("leading"),
                          text_tokens::hash_lower("bleeding")};
    m.or_hash = text_tokens::hash_lower("or");
    m.like_hash = text_tokens::hash_lower("like");
    m.for_hash = text_tokens::hash_lower("for");
    m.on_hash = text_tokens::hash_lower("on");
    m.such_hash = text_tokens::hash_lower("such");
    m.as_hash = text_tokens::hash_lower("as");
    m.including_hash = text_tokens::hash_lower("including");
    m.example_openers |= bit_of(m.like_hash) | bit_of(m.such_hash) | bit_of(m.including_hash);
    m.kinds_of = kinds_of_each(taxonomy);
    m.a_hash = text_tokens::hash_lower("a");
    m.an_hash = text_tokens::hash_lower("an");
    m.who_hash = text_tokens::hash_lower("who");
    m.is_hash = text_tokens::hash_lower("is");
    m.employees_hash = text_tokens::hash_lower("employees");
    m.you_hash = text_tokens::hash_lower("you");
    m.mission_hash = text_tokens::hash_lower("mission");
    m.will_hash = text_tokens::hash_lower("will");
    m.ll_hash = text_tokens::hash_lower("ll");
    m.you_ll_hash = text_tokens::hash_lower("you\u2019ll");
    m.we_hash = text_tokens::hash_lower("we");
    m.are_hash = text_tokens::hash_lower("are");
    m.re_hash = text_tokens::hash_lower("re");
    m.we_re_hash = text_tokens::hash_lower("we\u2019re");
    m.hiring_after_we_are = words_of(kHiringAfterWeAre);
    m.hiring_after_we = words_of(kHiringAfterWe);
    for (const auto* list : {&m.company_nouns, &m.job_words}) {
        for (std::uint64_t h : *list) {
            add_word(m.self_filter, h);
        }
    }
    for (const auto* list : {&m.company_verbs, &m.be_verbs}) {
        for (std::uint64_t h : *list) {
            add_word(m.verb_filter, h);
        }
    }
    for (const auto* list : {&m.study_prefix_ends, &m.list_glue}) {
        for (std::uint64_t h : *list) {
            add_word(m.study_filter, h);
        }
    }
    for (std::string_view w :
         {"is", "are", "not", "isn", "aren", "isn\u2019t", "aren\u2019t", "experience", "knowledge",
          "skills", "expertise", "familiarity", "background"}) {
        const std::uint64_t h = text_tokens::hash_lower(w);
        add_word(m.not_required_filter, h);
    }
    for (std::uint64_t h : m.colleague_nouns) {
        add_word(m.colleague_filter, h);
    }
    for (const auto* list : {&m.role_nouns, &m.team_nouns, &m.list_glue, &m.colleague_nouns}) {
        for (std::uint64_t h : *list) {
            add_word(m.role_filter, h);
        }
    }
    for (std::string_view w : {"we", "our", "'"}) {
        Tokens one;
        text_tokens::tokenize(w, one);
        const std::uint64_t h = one.front().hash;
        auto& filter = w == "'" ? m.verb_filter : m.self_filter;
        add_word(filter, h);
    }
    m.our_hash = text_tokens::hash_lower("our");
    m.s_hash = text_tokens::hash_lower("s");
    m.t_hash = text_tokens::hash_lower("t");
    m.contraction_tails = compile_word_list({"t", "s", "ll", "re", "ve", "d", "m"});
    m.negated_be = words_of(kNegatedBe);
    m.negated_do = words_of(kNegatedDo);
    m.do_words = words_of(kDoWords);
    m.about_hash = text_tokens::hash_lower("about");
    m.description_hash = text_tokens::hash_lower("description");
    m.heading_starts.push_back(m.about_hash);
    m.about_openers = compile_word_list(
        std::vector<std::string>(std::begin(kAboutOpeners), std::end(kAboutOpeners)));
    for (const std::string_view w : {"a", "more", "all"}) {
        m.heading_starts.push_back(text_tokens::hash_lower(w));
    }
    m.heading_starts.push_back(m.why_hash);
    m.heading_starts.push_back(m.who_hash);
    m.heading_starts.push_back(m.what_hash);
    for (const auto* list : {&m.company_headings, &m.benefit_headings, &m.job_headings}) {
        for (const Phrase& p : *list) {
            m.heading_starts.push_back(p.hashes.front());
        }
    }
    std::sort(m.heading_starts.begin(), m.heading_starts.end());
    for (std::uint64_t h : m.heading_starts) {
        add_word(m.heading_filter, h);
    }

    // Every alias n-gram and each of its proper prefixes, by hash.
    struct Entry {
        std::uint32_t group = kNoGroup;
        bool is_prefix = false;
    };
    std::unordered_map<std::uint64_t, Entry> entries;
    Tokens tokens;
    const auto& skills = taxonomy.skills();
    std::vector<bool> is_tool(skills.size());
    for (std::size_t s = 0; s < skills.size(); ++s) {
        is_tool[s] = std::find(std::begin(kToolCategories), std::end(kToolCategories),
                               skills[s].category) != std::end(kToolCategories) &&
                     !skills[s].kind_of_work;
    }
    // Adds `v` under its tokens; a generated spelling only where no alias is.
    auto add = [&](Variant v, bool generated) {
        const Tokens& toks = v.tokens;
        std::uint64_t h = toks[0].hash;
        std::vector<std::uint64_t> chain{h};
        for (std::size_t k = 1; k < toks.size(); ++k) {
            h = text_tokens::extend(h, toks[k]);
            chain.push_back(h);
        }
        if (generated) {
            auto it = entries.find(h);
            if (it != entries.end() && it->second.group != kNoGroup) {
                return;  // a written alias (of this skill or another) has this spelling
            }
        }
        const std::uint64_t bit = chain[0] >> Impl::kFilterShift;
        m.first_token_filter[bit >> 6] |= std::uint64_t{1} << (bit & 63);
        for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
            entries[chain[k]].is_prefix = true;
        }
        for (std::size_t k = 1; k < chain.size(); ++k) {
            const std::uint64_t longer =
                Impl::pair_key(chain[k - 1], toks[k]) >> Impl::kFilterShift;
            m.longer_filter[longer >> 6] |= std::uint64_t{1} << (longer & 63);
        }
        if (toks.size() >= 2) {
            const std::uint64_t last = toks.back().hash >> Impl::kLastShift;
            m.last_word_filter[last >> 6] |= std::uint64_t{1} << (last & 63);
        }
        Entry& e = entries[h];
        if (e.group == kNoGroup) {
            e.group = static_cast<std::uint32_t>(m.groups.size());
            m.groups.emplace_back();
        }
        // Taxonomy::load refuses an alias claimed by two skills, and a generated spelling
        // never joins a group, so one group is one skill.
        m.groups[e.group].variants.push_back(std::move(v));
    };
    // The variant of skill `s` spelled `text` with `alias`'s rules: the alias itself, or a
    // spelling of it generated below.
    auto variant_of = [&](std::uint32_t s, const Alias& alias, std::string text) {
        Variant v;
        v.skill = s;
        v.category = category_index.at(skills[s].category);
        v.names_roles = skills[s].names_roles;
        v.tool = is_tool[s];
        v.case_sensitive = alias.case_sensitive;
        v.rule = alias.context.empty() ? -1 : rule_index.at(alias.context);
        v.not_prev = compile_phrases(alias.not_prev);
        v.not_next = compile_phrases(alias.not_next);
        v.role = alias.role;
        v.text = std::move(text);
        text_tokens::tokenize(v.text, v.tokens);
        return v;
    };
    for (std::uint32_t s = 0; s < skills.size(); ++s) {
        for (const Alias& alias : skills[s].alias_rules) {
            if (alias.tag_only) {
                continue;
            }
            Variant v = variant_of(s, alias, alias.text);
            assert(!v.tokens.empty() && v.tokens.size() <= Taxonomy::kMaxAliasTokens);
            add(std::move(v), false);
        }
    }
    // Then "&" for each "and" joining two words of an alias, rules and all: postings write
    // "Trust & Safety", "backup & restore", "Mergers & Acquisitions" as often as with "and".
    for (std::uint32_t s = 0; s < skills.size(); ++s) {
        for (const Alias& alias : skills[s].alias_rules) {
            if (alias.tag_only) {
                continue;
            }
            text_tokens::tokenize(alias.text, tokens);
            std::string text;
            std::size_t copied = 0;
            for (std::size_t k = 1; k + 1 < tokens.size(); ++k) {
                if (tokens[k].hash == m.and_hash && tokens[k].spaced && tokens[k + 1].spaced) {
                    text.append(alias.text, copied, tokens[k].begin - copied).append("&");
                    copied = tokens[k].end;
                }
            }
            if (copied == 0) {
                continue;
            }
            text.append(alias.text, copied);
            add(variant_of(s, alias, std::move(text)), true);
        }
    }
    // Then the generated spellings of aliases that match without case or context rules, after
    // every written alias so that none is displaced.
    for (std::uint32_t s = 0; s < skills.size(); ++s) {
        for (const Alias& alias : skills[s].alias_rules) {
            if (alias.tag_only || alias.case_sensitive || !alias.context.empty() ||
                !alias.not_prev.empty() || !alias.not_next.empty()) {
                continue;
            }
            text_tokens::tokenize(alias.text, tokens);
            const Token& last = tokens.back();
            std::string word;
            for (std::size_t b = last.begin; b < last.end; ++b) {
                word += text_tokens::lower(alias.text[b]);
            }
            if (!last.is_word() || word.size() < 4 ||
                !std::all_of(word.begin(), word.end(),
                             [](char c) { return c >= 'a' && c <= 'z'; })) {
                continue;
            }
            std::size_t words = 0;
            for (const Token& t : tokens) {
                words += t.is_word() ? 1 : 0;
            }
            for (const std::string& spelling :
                 spellings_of(word, words > 1, words > 1 || !is_tool[s])) {
                Variant v;
                v.skill = s;
                v.category = category_index.at(skills[s].category);
                v.names_roles = skills[s].names_roles;
                v.tool = is_tool[s];
                v.role = alias.role;  // "data scientists" is a role as "data scientist" is
                v.text = alias.text.substr(0, last.begin) + spelling + alias.text.substr(last.end);
                text_tokens::tokenize(v.text, v.tokens);
                add(std::move(v), true);
            }
            const Token& first = tokens.front();
            const std::string verb = alias.text.substr(first.begin, first.end - first.begin);
            if (words < 2 ||
                std::find(std::begin(kAliasVerbs), std::end(kAliasVerbs), verb) ==
                    std::end(kAliasVerbs) ||
                std::find(std::begin(kNoVerbForms), std::end(kNoVerbForms), alias.text) !=
                    std::end(kNoVerbForms)) {
                continue;
            }
            for (const std::string& form : verb_forms(verb)) {
                Variant v;
                v.skill = s;
                v.category = category_index.at(skills[s].category);
                v.names_roles = skills[s].names_roles;
                v.tool = is_tool[s];
                v.text = form + alias.text.substr(first.end);
                text_tokens::tokenize(v.text, v.tokens);
                add(std::move(v), true);
            }
        }
    }

    // At most 1/3 full: most lookups are misses on ordinary words, and a miss walks the probe
    // run to an empty slot, so runs must stay short; at 8,000 entries the table is 256 KiB,
    // still within the second cache level. (At 3/4 a thousand skills cost 2 % of speed.)
    std::size_t capacity = 16;
    while (capacity < entries.size() * 3) {
        capacity *= 2;
    }
    m.slots.assign(capacity, Slot{});
    m.mask = capacity - 1;
    for (const auto& [key, e] : entries) {
        Slot& slot = m.insert(key);
        assert(slot.value == Slot{}.value);  // a 32-bit tag clash in one probe run: rehash needed
        slot.value = e.group | (e.is_prefix ? Slot::kPrefixBit : 0);
    }
}

SkillExtractor::~SkillExtractor() = default;
SkillExtractor::SkillExtractor(SkillExtractor&&) noexcept = default;
SkillExtractor& SkillExtractor::operator=(SkillExtractor&&) noexcept = default;

std::vector<SkillSpan> SkillExtractor::extract(std::string_view text) const {
    // One buffer per thread: extraction runs once per listing on hot paths.
    thread_local Tokens tokens;
    thread_local std::vector<Candidate> candidates;
    text_tokens::tokenize(text, tokens);
    candidates.clear();
    thread_local std::vector<std::uint32_t> others_at;
    others_at.clear();
    thread_local std::vector<std::uint32_t> objects_at;
    objects_at.clear();
    thread_local std::vector<std::uint32_t> soft_at;
    soft_at.clear();
    impl_->match(text, tokens, candidates, others_at, objects_at, soft_at);
    if (!objects_at.empty()) {
        impl_->add_shared_objects(text, tokens, objects_at, candidates);
    }
    thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> tag_lines;
    tag_lines.clear();
    impl_->find_tag_lines(text, tokens, others_at, tag_lines);
    Impl::drop_bracketed_letters(tokens, candidates);
    impl_->confirm(text, tokens, candidates);
    impl_->drop_negated(tokens, candidates);
    impl_->drop_not_required(text, tokens, candidates);
    impl_->drop_kinds_of_the_named(tokens, candidates);
    impl_->drop_ai_modifiers(tokens, candidates);
    impl_->mark_named_teams(tokens, candidates);
    impl_->mark_roles(tokens, candidates);
    impl_->mark_role_specialisations(text, tokens, candidates);
    impl_->mark_department_lists(tokens, candidates);
    impl_->mark_colleagues(tokens, candidates);
    impl_->mark_partners(tokens, candidates);
    impl_->mark_colleague_stacks(tokens, candidates);
    const auto sections = impl_->drop_company_sections(text, tokens, candidates);
    impl_->drop_self_descriptions(text, tokens, candidates, sections.first_job);
    thread_local std::vector<std::uint64_t> heading_words;
    impl_->drop_company_names(text, tokens, candidates, sections.opened_about, heading_words);
    impl_->drop_employer_products(text, tokens, candidates);
    impl_->drop_heading_name_mentions(tokens, candidates, heading_words);
    Impl::drop_list_headings(text, tokens, candidates);
    Impl::drop_quoted_examples(text, tokens, candidates);
    impl_->drop_trades_and_trained_ai(text, tokens, tag_lines, candidates);
    if (!others_at.empty()) {
        impl_->drop_product_lists(tokens, others_at, candidates);
        impl_->drop_others_lists(text, tokens, others_at, candidates);
        impl_->drop_excluded_sections(text, tokens, others_at, candidates);
    }
    if (!soft_at.empty()) {
        impl_->mark_preferred(text, tokens, soft_at, candidates);
    }
    if (!tag_lines.empty()) {
        impl_->drop_unrelated_tag_lines(tokens, tag_lines, candidates);
    }

    std::vector<SkillSpan> out;
    out.reserve(candidates.size());
    const auto& skills = impl_->taxonomy->skills();
    for (std::size_t ci = 0; ci < candidates.size(); ++ci) {
        const Candidate& c = candidates[ci];
        if (c.state != State::Accepted) {
            continue;
        }
        // Words coordinated with a match name skills too ("image and video processing"); the
        // rare matches that have such words are spelled out away from this loop.
        const std::size_t from = ci > 0 ? candidates[ci - 1].last : 0;
        // A word whose alias needed a context or neighbours it lacked ("monitoring") may still
        // be coordinated ("model validation, monitoring, and rollback"): such a rejected match
        // does not bound the words; any other match does.
        std::size_t next = ci + 1;
        while (next < candidates.size() && candidates[next].state == State::Rejected &&
               candidates[next].variant->conditional()) {
            ++next;
        }
        const std::size_t until = next < candidates.size() ? candidates[next].first : tokens.size();
        if (c.last - c.first >= 2 && impl_->may_share(tokens, c, from, until)) {
            impl_->add_coordinated(text, tokens, c, from, until, out);
            continue;
        }
        out.push_back({skills[c.variant->skill].id, tokens[c.first].begin, tokens[c.last - 1].end,
                       c.role, c.preferred});
    }
    if (!tag_lines.empty()) {
        impl_->add_tag_line_items(text, tokens, tag_lines, candidates, out);
    }
    return out;
}

std::vector<std::string> SkillExtractor::extract_ids(std::string_view text) const {
    std::vector<std::string> ids;
    for (auto& span : extract(text)) {
        if (!span.role && std::find(ids.begin(), ids.end(), span.skill) == ids.end()) {
            ids.emplace_back(span.skill);
        }
    }
    return ids;
}

SkillSpanStream::SkillSpanStream(const SkillExtractor& extractor, Found found, std::size_t piece,
                                 std::size_t max_pending)
    : extractor_(extractor),
      found_(std::move(found)),
      piece_(std::max<std::size_t>(piece, 1)),
      max_pending_(std::max(max_pending, piece_)) {}

void SkillSpanStream::feed(std::string_view text) {
    pending_.append(text);
    if (pending_.size() < piece_) {
        return;
    }
    // The tokens say where sentences start, exactly as extract() will see them: the held text
    // begins at a sentence start (or a spaced word), so tokenizing it alone gives the same
    // boundaries as tokenizing the whole text.
    thread_local Tokens tokens;
    text_tokens::tokenize(pending_, tokens);
    std::size_t cut = 0;
    for (std::size_t i = tokens.size(); i-- > 1;) {
        if (tokens[i].sentence != tokens[i - 1].sentence) {
            cut = tokens[i].begin;
            break;
        }
    }
    if (cut == 0 && pending_.size() >= max_pending_) {
        for (std::size_t i = tokens.size(); i-- > 1;) {
            if (tokens[i].spaced) {
                cut = tokens[i].begin;
                break;
            }
        }
    }
    if (cut > 0) {
        settle(cut);
    }
}

void SkillSpanStream::finish() {
    settle(pending_.size());
}

void SkillSpanStream::settle(std::size_t cut) {
    const std::string_view piece = std::string_view(pending_).substr(0, cut);
    for (SkillSpan& span : extractor_.extract(piece)) {
        std::string_view bytes = piece.substr(span.begin, span.end - span.begin);
        span.begin += offset_;
        span.end += offset_;
        found_(span, bytes);
    }
    pending_.erase(0, cut);
    offset_ += cut;
}

const Taxonomy& SkillExtractor::taxonomy() const {
    return *impl_->taxonomy;
}

const SkillExtractor& SkillExtractor::bundled() {
    static const SkillExtractor extractor(Taxonomy::bundled());
    return extractor;
}

namespace {

// Where a description's first sentence ends: at its first line break or sentence end ('.', '!'
// or '?' before a space) after its first kLeadMinBytes bytes, so a greeting ("Hi!") is not it.
constexpr std::size_t kLeadMinBytes = 20;
std::size_t lead_sentence_end(std::string_view text) {
    for (std::size_t i = kLeadMinBytes; i < text.size(); ++i) {
        const char c = text[i];
        const bool last = i + 1 == text.size();
        if (c == '\n' || ((c == '.' || c == '!' || c == '?') &&
                          (last || text[i + 1] == ' ' || text[i + 1] == '\n'))) {
            return i;
        }
    }
    return text.size();
}

}  // namespace

void annotate_skills(Listing& listing, const SkillExtractor& extractor) {
    listing.skills.clear();
    std::unordered_set<std::string> seen;
    // Origins are visited strongest first, so the first sighting of a skill is its strongest.
    auto add = [&](std::string_view id, SkillOrigin origin) {
        if (auto [it, fresh] = seen.emplace(id); fresh) {
            listing.skills.push_back({*it, origin});
        }
    };
    std::vector<std::pair<std::string, const std::string*>> tagged;  // skill, its tag
    for (const auto& tag : listing.tags) {
        if (const Skill* s = extractor.taxonomy().resolve_tag(tag)) {
            tagged.emplace_back(s->id, &tag);
            continue;
        }
        // "C/C++", "AI/ML", "ruby/rails": each part a tag of its own, resolved like one (no
        // context needed: a tag names a skill); what still does not resolve
        // ("Machine-Learning-Engineer") is read as text.
        std::string_view rest = tag;
        while (!rest.empty()) {
            const std::size_t slash = std::min(rest.find('/'), rest.size());
            const std::string_view part = rest.substr(0, slash);
            rest.remove_prefix(std::min(slash + 1, rest.size()));
            if (const Skill* s = extractor.taxonomy().resolve_tag(part)) {
                tagged.emplace_back(s->id, &tag);
                continue;
            }
            for (auto& id : extractor.extract_ids(part)) {
                tagged.emplace_back(std::move(id), &tag);
            }
        }
    }
    std::vector<SkillSpan> spans[2] = {extractor.extract(listing.title),
                                       extractor.extract(listing.description)};
    // A platform's tags are the listing's strongest evidence when its own words back them; a
    // feed may tag every result of a search with the searched word ("Java" on a writing job),
    // so a tag the title and description never name comes last, as the weakest evidence. The
    // words back a tag when the extractor finds its skill there, or when they contain the tag
    // itself (ignoring case) and it is at least four letters long: platforms derive tags such
    // as "analytics" from the text, words too vague for the extractor to read as a skill in
    // prose; shorter ones ("go", "c") are ordinary words as often as not.
    auto named = [&](const std::string& id) {
        for (const auto& list : spans) {
            for (const auto& span : list) {
                if (span.skill == id) {
                    return true;
                }
            }
        }
        return false;
    };
    Tokens text_words[2];
    Tokens tag_tokens;
    auto written = [&](const std::string& tag) {
        if (tag.size() < 4) {
            return false;
        }
        if (text_words[0].empty() && text_words[1].empty()) {
            text_tokens::tokenize(listing.title, text_words[0]);
            text_tokens::tokenize(listing.description, text_words[1]);
        }
        text_tokens::tokenize(tag, tag_tokens);
        if (tag_tokens.empty()) {
            return false;
        }
        auto same = [](const Token& a, const Token& b) { return a.hash == b.hash; };
        for (const auto& toks : text_words) {
            if (std::search(toks.begin(), toks.end(), tag_tokens.begin(), tag_tokens.end(), same) !=
                toks.end()) {
                return true;
            }
        }
        return false;
    };
    // The title first: it names the job itself, and the scorer weighs how much of it the user has.
    // A role there counts like any skill the title names: "Machine Learning Engineer" is not a
    // skill asked of the hire, but it is what the job is (ranking set H, twenty-fifth session).
    bool title_names = false;
    bool title_specific = false;  // names a skill other than a language or a whole field
    for (const auto& span : spans[0]) {
        add(span.skill, SkillOrigin::Title);
        const Skill* s = extractor.taxonomy().find(span.skill);
        title_names = true;
        title_specific = title_specific || s == nullptr || !s->says_little_of_the_job();
    }
    std::vector<std::string> unbacked;
    for (const auto& [id, tag] : tagged) {
        if (named(id) || written(*tag)) {
            add(id, SkillOrigin::Tag);
        } else {
            unbacked.push_back(id);
        }
    }
    // A title naming only "AI" or a language leaves what the job is to the description's first
    // sentence ("AI Engineer Needed": "We are building a chatbot for our clinic.").
    if (title_names && !title_specific) {
        const std::size_t lead_end = lead_sentence_end(listing.description);
        for (const auto& span : spans[1]) {
            if (!span.role && span.end <= lead_end) {
                add(span.skill, SkillOrigin::Lead);
            }
        }
    }
    // A role or team name in the description ("reporting to the DevOps team") is not asked of
    // the hire: it comes after everything the listing asks for, as a weak sign of what the job
    // is about.
    // A nice-to-have ("Docker is a plus") comes after what the description requires, so a
    // skill named both ways is required.
    std::vector<std::string> roles;
    std::vector<std::string> preferred;
    for (auto& span : spans[1]) {
        if (span.role) {
            roles.emplace_back(std::move(span.skill));
        } else if (span.preferred) {
            preferred.emplace_back(std::move(span.skill));
        } else {
            add(span.skill, SkillOrigin::Description);
        }
    }
    for (const auto& id : preferred) {
        add(id, SkillOrigin::Preferred);
    }
    for (const auto& id : roles) {
        add(id, SkillOrigin::Role);
    }
    for (const auto& id : unbacked) {
        add(id, SkillOrigin::TagOnly);
    }
}

}  // namespace gigscout
