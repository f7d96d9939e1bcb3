// gen_topics: writes a labelled topic corpus for testing clustering, as JSON Lines
// {"id","text","topic","lang"}. Eight news topics in English, Russian and Kazakh, each with its
// own vocabulary of 40+ real content words per language (names included), mixed with shared
// function words and common news words, plus a share of words borrowed from other topics so
// that topics overlap as real news does. Documents are 150-400 words in sentences.
//
// With --channels N, each document is a post of one of N feeds ("channel" field), which closes
// it as real feeds do: a slogan line of the channel's own words with its name and bot handle,
// its t.me link, and a "read more" link with the post's number and the channel's tracking
// code, in the post's language. The words of the posts are the same as without channels.
//
//   gen_topics --docs 20000 --seed 1 --output topics.jsonl
//   gen_topics --docs 1200 --langs en --topics 6 --channels 6 --min-words 40 --max-words 90
//
// Deterministic for a given seed (its own SplitMix64 generator, not <random> distributions).

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Lang {
  const char* code;
  const char* function_words;
  const char* common_words;
  const char* topics[8];
};

const char* const kTopicNames[8] = {"economy",     "sport",    "health",    "technology",
                                    "environment", "politics", "education", "culture"};

const Lang kLangs[] = {
    {"en",
     "the of and to in a is that for on with as was by at from it be are this has have will "
     "which said its an not were their but or also after more",
     "year years people country government new first last week month today report reports city "
     "region official officials according statement told national state public percent million "
     "billion number time local project projects plan plans work meeting development support",
     {"economy inflation bank banks market markets investment investors budget tax taxes export "
      "exports import growth currency tenge dollar prices price trade loans credit interest rates "
      "deficit revenue profit companies industry oil gas GDP recession stocks shares bonds "
      "finance financial monetary fiscal wages Eurasian "
      "exchange retail",
      "football match team teams player players coach goal goals league championship tournament "
      "season stadium victory defeat score fans Olympic Olympics medal medals athlete athletes "
      "boxing wrestling hockey cycling marathon referee squad striker goalkeeper final semifinal "
      "champion record training Astana FIFA "
      "gold silver",
      "hospital hospitals doctor doctors patient patients disease diseases vaccine vaccination "
      "virus infection treatment clinic clinics nurse nurses medicine medicines surgery cancer "
      "diabetes epidemic pandemic symptoms diagnosis therapy healthcare pharmacy drugs blood heart "
      "care outbreak quarantine immunity WHO physicians "
      "ambulance epidemiologists antibiotics allergy",
      "software internet digital data network networks startup startups computer computers "
      "smartphone smartphones app apps artificial intelligence algorithm algorithms cloud "
      "cybersecurity hackers chip chips semiconductor robot robots automation broadband satellite "
      "programming developers platform platforms online code blockchain innovation gadgets Google "
      "Microsoft "
      "telecom gigabit",
      "climate emissions carbon pollution forest forests water drought flood floods wildlife "
      "species biodiversity renewable solar wind energy recycling waste air river rivers lake Aral "
      "Caspian glacier glaciers temperature warming ecosystem conservation desert steppe soil "
      "rainfall environmental dust UNEP "
      "ecologists reservoir irrigation glaciology",
      "election elections parliament president minister ministers vote votes voters party "
      "parties candidate candidates campaign opposition senate deputies law legislation reform "
      "referendum constitution cabinet coalition policy diplomacy diplomatic sanctions treaty "
      "summit ambassador Mazhilis Akorda Tokayev ballot "
      "governor mayor decree lawmakers sovereignty bilateral geopolitics",
      "school schools university universities student students teacher teachers education "
      "curriculum exam exams classroom lecture professor professors scholarship degree graduates "
      "textbook textbooks literacy kindergarten pupils learning tuition campus academic research "
      "diploma semester enrollment Bolashak UNESCO grades "
      "schooling homework olympiad vocational colleges bachelor masters",
      "museum museums theatre film films cinema festival music concert artist artists painting "
      "exhibition gallery novel poet poetry literature dance opera ballet orchestra heritage folk "
      "dombra song songs singer director actor actress premiere sculpture Abai craft audience"
      " sculptor choir playwright composers libretto stage"}},
    {"ru",
     "и в на с по что не к о из за для от как это также был была были его их а но или уже до "
     "при после более",
     "год года люди страна страны правительство новый первый неделя месяц сегодня отчет город "
     "регион официальный заявил национальный государственный процент миллион миллиард время "
     "местный проект проекты план работа встреча развитие поддержка сообщил словам данным "
     "области республики",
     {"экономика инфляция банк банки рынок рынки инвестиции инвесторы бюджет налог налоги экспорт "
      "импорт рост валюта тенге доллар цены цена торговля кредит кредиты ставка дефицит доходы "
      "прибыль компании промышленность нефть газ ВВП рецессия акции облигации финансы финансовый "
      "денежный зарплаты Нацбанк ЕАЭС "
      "биржа ритейл",
      "футбол матч команда команды игрок игроки тренер гол голы лига чемпионат турнир сезон "
      "стадион победа поражение счет болельщики олимпийский Олимпиада медаль медали спортсмен "
      "спортсмены бокс борьба хоккей велоспорт марафон судья сборная нападающий вратарь финал "
      "полуфинал чемпион рекорд тренировки Астана ФИФА "
      "золото серебро олимпийцы каратэ забег",
      "больница больницы врач врачи пациент пациенты болезнь болезни вакцина вакцинация вирус "
      "инфекция лечение клиника клиники медсестра лекарство лекарства операция рак диабет эпидемия "
      "пандемия симптомы диагноз терапия здравоохранение аптека препараты кровь сердце вспышка "
      "карантин иммунитет ВОЗ медики хирург "
      "скорая антибиотики аллергия эпидемиологи",
      "программа интернет цифровой данные сеть сети стартап стартапы компьютер компьютеры смартфон "
      "смартфоны приложение приложения искусственный интеллект алгоритм алгоритмы облако "
      "кибербезопасность хакеры чип чипы полупроводники робот роботы автоматизация спутник "
      "программирование разработчики платформа платформы онлайн код блокчейн инновации гаджеты "
      "Google "
      "нейросеть телеком гигабит серверы",
      "климат выбросы углерод загрязнение лес леса вода засуха наводнение наводнения животные виды "
      "биоразнообразие возобновляемый солнечный ветер энергия переработка отходы воздух река реки "
      "озеро Арал Каспий ледник ледники температура потепление экосистема заповедник пустыня степь "
      "почва осадки экологический пыль экология "
      "экологи водохранилище орошение ураган смог флора фауна парниковые биосфера",
      "выборы парламент президент министр министры голосование голоса избиратели партия партии "
      "кандидат кандидаты кампания оппозиция сенат депутаты закон законодательство реформа "
      "референдум конституция кабинет коалиция политика дипломатия санкции договор саммит посол "
      "Мажилис Акорда Токаев бюллетень "
      "аким губернатор указ законопроект суверенитет двусторонний геополитика депутат",
      "школа школы университет университеты студент студенты учитель учителя образование "
      "программа экзамен экзамены класс лекция профессор профессора стипендия диплом выпускники "
      "учебник учебники грамотность детсад ученики обучение кампус академический исследования "
      "семестр зачисление Болашак ЮНЕСКО оценки ректор "
      "колледж колледжи олимпиада бакалавр магистратура домашнее",
      "музей музеи театр фильм фильмы кино фестиваль музыка концерт художник художники живопись "
      "выставка галерея роман поэт поэзия литература танец опера балет оркестр наследие фольклор "
      "домбра песня песни певец режиссер актер актриса премьера скульптура Абай ремесло зрители"
      " скульптор хор драматург композитор либретто кинофестиваль сцена спектакль постановка "
      "картина поэма писатель писатели"}},
    {"kk",
     "және мен бен пен да де бұл сол үшін туралы бойынша арқылы дейін кейін бірақ немесе тағы осы "
     "оның олардың болды болып еді деп деді ал ғана",
     "жыл жылы адамдар ел елдің үкімет жаңа бірінші апта ай бүгін есеп қала өңір ресми мәлімдеді "
     "ұлттық мемлекеттік пайыз миллион миллиард уақыт жергілікті жоба жобалар жоспар жұмыс "
     "кездесу даму қолдау хабарлады облыс республика",
     {"экономика инфляция банк нарық инвестиция инвесторлар бюджет салық салықтар экспорт импорт "
      "өсім валюта теңге доллар баға бағалар сауда несие пайыздық тапшылық кіріс пайда компаниялар "
      "өнеркәсіп мұнай газ ЖІӨ құлдырау акциялар облигациялар қаржы қаржылық жалақы кәсіпорын "
      "тауар өндіріс Ұлттық ЕАЭО "
      "биржа инфляциялық нарықтар",
      "футбол матч команда ойыншы ойыншылар жаттықтырушы гол голдар лига чемпионат турнир маусым "
      "стадион жеңіс жеңіліс есеп жанкүйерлер олимпиада медаль медальдар спортшы спортшылар бокс "
      "күрес хоккей велоспорт марафон төреші құрама шабуылшы қақпашы финал жартылай чемпион "
      "рекорд жаттығу Астана ФИФА ойын "
      "алтын күміс спорт",
      "аурухана ауруханалар дәрігер дәрігерлер науқас науқастар ауру аурулар вакцина екпе вирус "
      "инфекция емдеу емхана емханалар медбике дәрі дәрілер ота қатерлі диабет індет пандемия "
      "белгілері диагноз терапия денсаулық дәріхана қан жүрек күтім карантин иммунитет ДДСҰ "
      "медицина хирург дерт "
      "жедел антибиотиктер аллергия эпидемиологтар вакциналар",
      "бағдарлама интернет цифрлық деректер желі желілер стартап компьютер компьютерлер смартфон "
      "смартфондар қосымша қосымшалар жасанды интеллект алгоритм алгоритмдер бұлт "
      "киберқауіпсіздік хакерлер чип чиптер робот роботтар автоматтандыру спутник бағдарламалау "
      "әзірлеушілер платформа онлайн код блокчейн инновация технология құрылғылар Google "
      "телеком нейрожелі серверлер гигабит бағдарламашылар цифрландыру",
      "климат шығарындылар көміртек ластану орман ормандар су құрғақшылық тасқын жануарлар түрлер "
      "биоәртүрлілік жаңартылатын күн жел энергия өңдеу қалдықтар ауа өзен өзендер көл Арал Каспий "
      "мұздық мұздықтар температура жылыну экожүйе қорық шөл дала топырақ жауын экологиялық шаң "
      "экология "
      "экологтар суару дауыл флора фауна",
      "сайлау парламент президент министр министрлер дауыс дауыстар сайлаушылар партия партиялар "
      "кандидат кандидаттар науқан оппозиция сенат депутаттар заң заңнама реформа референдум "
      "конституция кабинет коалиция саясат дипломатия санкциялар келісім саммит елші Мәжіліс "
      "Ақорда Тоқаев бюллетень мемлекет "
      "әкім жарлық егемендік екіжақты геосаясат депутат әкімдік шешім",
      "мектеп мектептер университет университеттер студент студенттер мұғалім мұғалімдер білім "
      "оқулық емтихан емтихандар сынып дәріс профессор профессорлар стипендия диплом түлектер "
      "оқулықтар сауаттылық балабақша оқушылар оқыту кампус академиялық зерттеу семестр қабылдау "
      "Болашақ ЮНЕСКО бағалар ректор ғылым "
      "колледж колледждер олимпиадалар бакалавр магистратура магистранттар оқытушы",
      "мұражай мұражайлар театр фильм фильмдер кино фестиваль музыка концерт суретші суретшілер "
      "кескіндеме көрме галерея роман ақын поэзия әдебиет би опера балет оркестр мұра фольклор "
      "домбыра ән әндер әнші режиссер актер актриса премьера мүсін Абай қолөнер көрермендер"
      " мүсінші хор драматург композитор сахна спектакль қойылым"}},
};

std::vector<std::string_view> split_words(const char* s) {
  std::vector<std::string_view> out;
  std::string_view all(s);
  size_t i = 0;
  while (i < all.size()) {
    const size_t j = std::min(all.find(' ', i), all.size());
    if (j > i) out.push_back(all.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  size_t below(size_t n) { return static_cast<size_t>(uniform() * static_cast<double>(n)); }
  // Zipf-like rank in [0, n): early words of a list are the frequent ones.
  size_t skewed(size_t n) {
    const double u = uniform();
    return static_cast<size_t>(static_cast<double>(n) * u * u);
  }

 private:
  uint64_t state_;
};

// Appends `word` with its first letter upper-cased (ASCII and basic Cyrillic а-я).
void append_capitalised(std::string& out, std::string_view word) {
  const auto b0 = static_cast<unsigned char>(word[0]);
  if (b0 >= 'a' && b0 <= 'z') {
    out.push_back(static_cast<char>(b0 - 32));
    out.append(word.substr(1));
    return;
  }
  if (word.size() >= 2) {
    const auto b1 = static_cast<unsigned char>(word[1]);
    if (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) {  // а-п -> А-П
      out.push_back(static_cast<char>(0xD0));
      out.push_back(static_cast<char>(b1 - 0x20));
      out.append(word.substr(2));
      return;
    }
    if (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F) {  // р-я -> Р-Я
      out.push_back(static_cast<char>(0xD0));
      out.push_back(static_cast<char>(b1 + 0x20));
      out.append(word.substr(2));
      return;
    }
  }
  out.append(word);
}

// Made-up feed names and the words their slogans are drawn from (per language).
const char* const kChannelNames[] = {
    "Mash",   "Shot",   "Baza",     "Ostorozhno", "Readovka", "Podyom",  "Signal",  "Vestnik",
    "Orda",   "Kursiv", "Atameken", "Zakon",      "Sputnik",  "Express", "Molniya", "Trend",
    "Kompas", "Lenta",  "Format",   "Echo",       "Tochka",   "Kanal",   "Pulse",   "Radar"};

struct ChannelText {
  const char* code;
  const char* subscribe;  // before the channel's name
  const char* send;       // before its bot handle
  const char* read_more;  // before the post's link
  const char* slogan_words;
};

const ChannelText kChannelTexts[] = {
    {"en", "Subscribe to", "and send us your news:", "Read more:",
     "breaking exclusive fastest honest uncensored daily digest insider live truth first voice "
     "independent trusted inside stories headlines alerts bold sharp clear straight facts "
     "verified real eyewitness frontline unfiltered"},
    {"ru", "Подписывайся на", "и присылай свои новости:", "Читать полностью:",
     "срочно эксклюзив быстрее честно без цензуры ежедневно дайджест инсайд прямой правда первыми "
     "голос независимый проверено изнутри истории заголовки молнии смело остро ясно факты "
     "реально очевидцы передовая"},
    {"kk", "Жазылыңыз:", "жаңалықтарыңызды жіберіңіз:", "Толығырақ:",
     "шұғыл эксклюзив жылдам адал цензурасыз күнделікті дайджест инсайд тікелей шындық бірінші "
     "дауыс тәуелсіз тексерілген ішкі оқиғалар тақырыптар жарқыл батыл өткір анық деректер "
     "нақты куәгерлер алдыңғы"},
};

// A fixed tracking code of a channel: 16 characters of [A-Za-z0-9], as invite links have.
std::string tracking_code(uint64_t state) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string code;
  for (int i = 0; i < 16; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    code.push_back(kAlphabet[(state >> 33) % 62]);
  }
  return code;
}

// Appends channel c's signature for a post in language `code`, numbered `post`: three lines,
// separated from the post by an empty line. The slogan is the channel's own 6 words.
void append_signature(std::string& text, size_t c, std::string_view code, size_t post,
                      uint64_t seed) {
  const ChannelText* ct = &kChannelTexts[0];
  for (const ChannelText& t : kChannelTexts)
    if (code == t.code) ct = &t;
  const std::vector<std::string_view> pool = split_words(ct->slogan_words);
  SplitMix64 pick(seed * 31 + c + 1);
  std::string handle;
  for (const char* p = kChannelNames[c]; *p; ++p)
    handle.push_back(static_cast<char>(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
  text.append("\\n\\n").append(kChannelNames[c]).append(":");
  std::vector<size_t> used;
  while (used.size() < 6) {
    const size_t w = pick.below(pool.size());
    bool seen = false;
    for (size_t u : used) seen = seen || u == w;
    if (seen) continue;
    used.push_back(w);
    text.push_back(' ');
    text.append(pool[w]);
  }
  text.append(". ").append(ct->subscribe).append(" ").append(kChannelNames[c]).append(" ");
  text.append(ct->send).append(" @").append(handle).append("_news_bot");
  text.append("\\nt.me/").append(handle).append("_channel");
  text.append("\\n").append(ct->read_more).append(" https://").append(handle);
  text.append(code == "en" ? ".com" : ".ru").append("/news/").append(std::to_string(post));
  text.append("?ref=").append(tracking_code(seed * 131 + c));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write a labelled multilingual topic corpus as JSON Lines"};
  size_t docs = 20000;
  uint64_t seed = 1;
  std::string output = "-";
  std::vector<std::string> langs = {"en", "ru", "kk"};
  size_t num_topics = 8;
  double topic_share = 0.35;
  double borrow_share = 0.15;
  size_t channels = 0;
  size_t min_words = 150, max_words = 400;
  app.add_option("--docs", docs, "number of documents")->capture_default_str();
  app.add_option("--seed", seed, "random seed")->capture_default_str();
  app.add_option("--output,-o", output, "output file, - for stdout")->capture_default_str();
  app.add_option("--langs", langs, "languages among en, ru, kk")->delimiter(',');
  app.add_option("--topics", num_topics, "number of topics (1-8)")
      ->check(CLI::Range(1, 8))
      ->capture_default_str();
  app.add_option("--topic-share", topic_share, "share of topic words in a document")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--borrow-share", borrow_share, "share of topic words taken from other topics")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--channels", channels, "posts of this many feeds, each with its signature")
      ->check(CLI::Range(0, 24))
      ->capture_default_str();
  app.add_option("--min-words", min_words, "least words of a document")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-words", max_words, "most words of a document")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (max_words < min_words) {
    std::fprintf(stderr, "gen_topics: --max-words is less than --min-words\n");
    return 2;
  }

  struct Vocab {
    const char* code;
    std::vector<std::string_view> function, common;
    std::vector<std::vector<std::string_view>> topics;
  };
  std::vector<Vocab> vocabs;
  for (const std::string& code : langs) {
    const Lang* lang = nullptr;
    for (const Lang& l : kLangs)
      if (code == l.code) lang = &l;
    if (lang == nullptr) {
      std::fprintf(stderr, "gen_topics: unknown language \"%s\" (use en, ru, kk)\n", code.c_str());
      return 2;
    }
    Vocab v{lang->code, split_words(lang->function_words), split_words(lang->common_words), {}};
    for (size_t t = 0; t < 8; ++t) v.topics.push_back(split_words(lang->topics[t]));
    vocabs.push_back(std::move(v));
  }
  if (vocabs.empty()) {
    std::fprintf(stderr, "gen_topics: no language given\n");
    return 2;
  }

  std::FILE* out = output == "-" ? stdout : std::fopen(output.c_str(), "wb");
  if (out == nullptr) {
    std::fprintf(stderr, "gen_topics: cannot write %s\n", output.c_str());
    return 1;
  }
  SplitMix64 rng(seed);
  SplitMix64 chan_rng(seed ^ 0x6368616e6e656c73ULL);
  std::string line, text;
  char id[32];
  for (size_t d = 0; d < docs; ++d) {
    const size_t topic = rng.below(num_topics);
    const Vocab& v = vocabs[rng.below(vocabs.size())];
    const size_t len = min_words + rng.below(max_words - min_words + 1);
    text.clear();
    size_t sentence_left = 0;
    for (size_t w = 0; w < len; ++w) {
      const double r = rng.uniform();
      std::string_view word;
      if (r < topic_share) {
        const size_t t = rng.uniform() < borrow_share ? rng.below(num_topics) : topic;
        word = v.topics[t][rng.skewed(v.topics[t].size())];
      } else if (r < topic_share + (1 - topic_share) * 0.6) {
        word = v.function[rng.skewed(v.function.size())];
      } else {
        word = v.common[rng.skewed(v.common.size())];
      }
      if (sentence_left == 0) {
        if (!text.empty()) text.append(". ");
        sentence_left = 8 + rng.below(13);
        append_capitalised(text, word);
      } else {
        text.push_back(rng.uniform() < 0.06 ? ',' : ' ');
        if (text.back() == ',') text.push_back(' ');
        text.append(word);
      }
      --sentence_left;
      if (rng.uniform() < 0.01) {  // years and amounts, as in news
        text.push_back(' ');
        text.append(std::to_string(1990 + rng.below(35)));
      }
    }
    text.push_back('.');
    size_t channel = 0;
    if (channels > 0) {  // its own generator: the posts' words are those without channels
      channel = chan_rng.below(channels);
      append_signature(text, channel, v.code, 10000 + chan_rng.below(90000), seed);
    }
    std::snprintf(id, sizeof id, "t%07zu", d);
    // Words contain no quotes, backslashes or control characters: no escaping is needed.
    line.assign("{\"id\":\"").append(id).append("\",\"text\":\"").append(text);
    line.append("\",\"topic\":\"").append(kTopicNames[topic]).append("\",\"lang\":\"");
    line.append(v.code);
    if (channels > 0) line.append("\",\"channel\":\"").append(kChannelNames[channel]);
    line.append("\"}\n");
    std::fwrite(line.data(), 1, line.size(), out);
  }
  const bool ok = std::fflush(out) == 0 && !std::ferror(out);
  if (out != stdout) std::fclose(out);
  if (!ok) {
    std::fprintf(stderr, "gen_topics: write error on %s\n", output.c_str());
    return 1;
  }
  return 0;
}
