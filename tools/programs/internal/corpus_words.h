#pragma once
// Vocabulary for gen_corpus: news-register word lists for English, Russian and Kazakh, ordered
// roughly by frequency (function words first) so that a Zipf draw over the list gives
// realistic word frequencies, plus place names, organisations, month names, number units and
// boilerplate blocks (share footers, disclaimers, "For reference" blocks) per language.
//
//   const LanguageWords& en = language_words(Language::kEnglish);
//   std::string_view w = en.words[17];
//
// The lists are data, not code: changing them changes every generated corpus, so treat an
// edit like a format change (regenerate datasets/ and say so in the commit).

#include <array>
#include <string_view>
#include <vector>

namespace docsift::detail {

enum class Language { kEnglish = 0, kRussian = 1, kKazakh = 2 };
inline constexpr int kNumLanguages = 3;

// Splits a space-separated literal into words; multi-word entries use '_' for their spaces.
inline std::vector<std::string_view> split_words(std::string_view list) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (list[i] == ' ' || list[i] == '\n')) ++i;
    size_t j = i;
    while (j < list.size() && list[j] != ' ' && list[j] != '\n') ++j;
    if (j > i) out.push_back(list.substr(i, j - i));
    i = j;
  }
  return out;
}

struct LanguageWords {
  std::string_view code;                        // "en", "ru", "kk"
  std::vector<std::string_view> words;          // lower case, frequency order
  std::vector<std::string_view> places;         // '_' stands for a space
  std::vector<std::string_view> orgs;           // '_' stands for a space
  std::vector<std::string_view> months;         // 12 names in the form used in dates
  std::vector<std::string_view> units;          // follow a number: "percent", "million tenge"...
  std::array<std::string_view, 3> boilerplate;  // share footer, disclaimer, reference block
  std::array<std::string_view, 3> boilerplate_names;
};

inline constexpr std::string_view kEnglishWords = R"(
the of and to in a on for that with said by is was at from as has it its will be have are
were this which an not year after more than their also but been last new government about
percent minister would over million two first other who had they into billion up three state
ministry officials report could all people country national president during some when while
region between company according week according_to months these years under public against
economic development programme project projects since most one there what before per city
support told such growth prices price market markets bank increase decrease rate rates
investment investors oil gas energy production exports imports trade agreement meeting talks
council committee parliament deputies law bill budget spending tax taxes revenue income
inflation currency tenge dollar rouble euro central financial finance sector industry
industrial plant factory workers jobs employment unemployment wages salary pensions social
health hospital hospitals doctors patients schools teachers students education university
research science technology digital services service online internet data security police
court case investigation charges prosecutors officials local regional district districts
residents citizens families children housing apartments construction road roads railway
transport airport flights passengers water supply heating electricity power station coal
renewable wind solar grain harvest farmers agriculture livestock land water_resources
weather temperature snow rain drought flood floods fire emergency rescue accident damage
border cooperation international foreign partners delegation visit summit leaders relations
election elections vote voters campaign party reform reforms policy plan plans strategy
decision decree announced stated noted added confirmed expected planned reported estimated
launched opened completed approved signed adopted discussed reviewed allocated received
increased decreased rose fell reached exceeded remained grew dropped amounted totalled
higher lower largest main major key important significant current previous next early late
recent average total annual quarterly monthly daily local global domestic private small
medium large businesses entrepreneurs loans credit mortgage subsidies grants funding funds
fund budgetary capital assets shares stock exchange index companies firm firms contract
contracts tender tenders supply demand consumers goods products food fuel petrol diesel
cars vehicles trucks traffic safety measures rules regulations standards requirements
inspection inspections control monitoring statistics figures results performance target
targets goal goals period quarter half beginning end level levels volume volumes share
number numbers amount cost costs value prices_rose first_half work working works worked
began begin continue continued continues further however because although despite already
still only just even now today yesterday tomorrow earlier later soon again well far
around nearly almost about_half about_a_third spokesperson spokesman representative head
chairman director deputy governor mayor akim akimat administration agency authorities
authority office department services_sector commission organisation organisations union
association community communities population area areas territory villages rural urban
)";

inline constexpr std::string_view kRussianWords = R"(
в и на с по не что о для от к из за это как года также было был была были его при более
после году который которые которая заявил сообщил отметил добавил подчеркнул министр
министерство правительство президент страны республики области города района проект
проекта программа программы развития экономики экономика компании компания банк банка
рынок рынка цены цен рост роста снижение снижения процентов миллионов миллиардов тенге
рублей долларов население жителей граждан работы работа рабочих мест предприятия
предприятий производства производство продукции экспорт импорт торговли соглашение
соглашения встреча встречи переговоры совет совета парламент депутаты депутатов закон
закона законопроект бюджет бюджета расходы налоги налогов доходы инфляция валюты курс
финансов финансовый сектор сектора промышленности промышленный завод завода работники
занятости безработицы зарплаты пенсии социальной здравоохранения больницы врачи пациентов
школы учителя студентов образования университета исследования науки технологий цифровых
услуг интернета данных безопасности полиции суд суда дело расследование прокуратура
местных региональных районов жители семьи детей жилья квартир строительства строительство
дорог дороги железной транспорта аэропорта рейсов пассажиров воды водоснабжения отопления
электроэнергии станции угля энергии возобновляемой ветровой солнечной зерна урожая
фермеров сельского хозяйства скота земли погода температура снег дождь засуха паводок
паводков пожар чрезвычайной ситуации спасатели авария ущерб границы сотрудничества
международного зарубежных партнеров делегация визит саммит лидеров отношений выборы
выборов голосования избирателей кампании партии реформы реформ политики план планы
стратегии решение решения указ объявил заявила отметила подтвердил ожидается планируется
сообщается оценивается запущен открыт завершено одобрен подписано принято обсудили
рассмотрели выделено получили увеличилось снизилось выросли упали достигло превысило
осталось составил составила составило выше ниже крупнейший основной главный важный
значительный текущего прошлого следующего ранее позже вскоре снова уже еще только даже
сейчас сегодня вчера завтра около почти примерно половина трети представитель глава
председатель директор заместитель аким акимат администрация агентство власти ведомство
департамент комиссия организации союз ассоциация сообщество территории сел сельских
городских малого среднего бизнеса предпринимателей кредиты кредитов ипотеки субсидий
грантов финансирования фонда капитала акций биржи индекс фирмы контракт контракта тендер
поставки спроса потребителей товаров продуктов продовольствия топлива бензина автомобилей
грузовиков движения меры правила требования проверки контроля мониторинга статистики
данные результаты показатели цели период квартал полугодие начала конца уровень уровня
объем объема доля количество сумма стоимость стоимости затраты год месяц неделю день
время время_года новый новая новые первый второй третий последний всех всего ряд рамках
целях связи помощью вопрос вопросы вопросов мнению словам данным итогам отношении
течение счет области_здравоохранения этого этой этом том того так как_отметил как_сообщили
между против над под через без до во со же бы ли или но а если чтобы когда где
)";

inline constexpr std::string_view kKazakhWords = R"(
және мен бұл осы үшін бойынша туралы жылы жылғы биыл елімізде республикасының үкімет
үкіметі министрі министрлігі президенті мемлекет мемлекеттік елдің облысы облысының
қаласы қаласында ауданы ауданында жоба жобасы жобалар бағдарлама бағдарламасы даму
дамыту экономика экономикалық компания компаниясы банк банкі нарық нарығы баға бағасы
өсу өсті төмендеді пайыз пайызға миллион миллиард теңге теңгеге доллар халық халықтың
тұрғындар тұрғындары жұмыс жұмысы жұмыссыздық білім беру мектеп мектептер оқушылар
мұғалімдер денсаулық сақтау аурухана дәрігерлер жол жолдар құрылыс салу салынды су
сумен жабдықтау электр энергия энергетика көлік ауыл ауылдық шаруашылығы егін астық мал
өнім өнімдері өндіріс өндірісі кәсіпорын кәсіпорындар инвестиция инвестициялар қаржы
қаражат бюджет бюджеттен бөлінді қаржыландыру шешім шешімі қабылдады мәлімдеді айтты
хабарлады атап өтті жиналыс отырысында кездесу кездесуде талқылады мәселе мәселелер
мәселесі жағдай жағдайы жаңа үлкен маңызды негізгі барлық көптеген бірнеше бірінші
екінші соңғы өткен келесі айда апта күні бүгін кеше уақыт қазір әлі тағы да де бар жоқ
болады болды болып табылады етеді етті жүргізілді іске асыру қосылды ашылды өтеді ұйым
ұйымдар қоғамдық азаматтар құқық заң заңы депутаттар мәжіліс сенат сайлау халықаралық
ынтымақтастық келісім қол қойды шекара сауда экспорт импорт тауарлар қызмет қызметтер
цифрлық технологиялар ғылым ғалымдар зерттеу мәдениет спорт жарыс жеңіс команда ауа
райы жаңбыр қар жел температура төтенше өрт апат полиция сот іс қылмыс тергеу
қауіпсіздік әкім әкімдігі әкімі өңір өңірде аймақ аймақтың ұлттық әлеуметтік көмек
жәрдемақы зейнетақы жалақы тұрғын үй пәтер пәтерлер құны көрсеткіш көрсеткіштер
деректер статистика мәліметінше сәйкес арқылы дейін кейін бері шамамен жалпы ірі шағын
орта бизнес кәсіпкерлер қолдау шаралар мүмкіндік нәтижесінде жоспар мақсатында ұлғайды
азайды артты қысқарды жетті құрады шаһар жиһаз қаһарман
)";

inline constexpr std::string_view kEnglishPlaces =
    "Almaty Astana Shymkent Karaganda Aktobe Pavlodar Atyrau Kostanay Semey Turkestan Moscow "
    "Kazan Novosibirsk Yekaterinburg Saint_Petersburg London Berlin Paris Geneva Brussels Vienna "
    "Tashkent Bishkek Beijing Istanbul Dubai New_York Washington Tokyo Seoul";
inline constexpr std::string_view kRussianPlaces =
    "Алматы Астана Шымкент Караганда Актобе Павлодар Атырау Костанай Семей Туркестан Москва "
    "Казань Новосибирск Екатеринбург Санкт-Петербург Лондон Берлин Париж Женева Брюссель Вена "
    "Ташкент Бишкек Пекин Стамбул Дубай Нью-Йорк Вашингтон Токио Сеул";
inline constexpr std::string_view kKazakhPlaces =
    "Алматы Астана Шымкент Қарағанды Ақтөбе Павлодар Атырау Қостанай Семей Түркістан Өскемен "
    "Орал Тараз Қызылорда Көкшетау Мәскеу Лондон Берлин Париж Женева Ташкент Бішкек Бейжің "
    "Стамбұл";

inline constexpr std::string_view kEnglishOrgs =
    "the_Ministry_of_Finance the_National_Bank the_World_Bank the_United_Nations "
    "the_European_Union the_Ministry_of_Health the_Ministry_of_Energy the_Statistics_Bureau "
    "KazMunayGas Kazakhstan_Temir_Zholy Air_Astana the_Asian_Development_Bank the_IMF the_OSCE "
    "Gazprom Rosneft Sberbank the_Eurasian_Economic_Union";
inline constexpr std::string_view kRussianOrgs =
    "Министерство_финансов Национальный_банк Всемирный_банк ООН Европейский_союз "
    "Министерство_здравоохранения Министерство_энергетики Бюро_национальной_статистики "
    "КазМунайГаз Казахстан_темир_жолы Эйр_Астана Азиатский_банк_развития МВФ ОБСЕ Газпром "
    "Роснефть Сбербанк Евразийский_экономический_союз";
inline constexpr std::string_view kKazakhOrgs =
    "Қаржы_министрлігі Ұлттық_банк Дүниежүзілік_банк БҰҰ Еуропалық_одақ "
    "Денсаулық_сақтау_министрлігі Энергетика_министрлігі Ұлттық_статистика_бюросы ҚазМұнайГаз "
    "Қазақстан_темір_жолы Эйр_Астана Азия_даму_банкі ХВҚ ЕҚЫҰ Еуразиялық_экономикалық_одақ";

inline constexpr std::string_view kEnglishMonths =
    "January February March April May June July August September October November December";
inline constexpr std::string_view kRussianMonths =
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря";
inline constexpr std::string_view kKazakhMonths =
    "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан";

inline constexpr std::string_view kEnglishUnits =
    "percent million_tenge billion_tenge tonnes people million_dollars kilometres households";
inline constexpr std::string_view kRussianUnits =
    "процента млн_тенге млрд_тенге тонн человек млн_долларов километров домохозяйств";
inline constexpr std::string_view kKazakhUnits =
    "пайыз млн_теңге млрд_теңге тонна адам млн_доллар шақырым үй_шаруашылығы";

inline const LanguageWords& language_words(Language lang) {
  static const std::array<LanguageWords, kNumLanguages> kAll = [] {
    std::array<LanguageWords, kNumLanguages> all;
    all[0] = {"en",
              split_words(kEnglishWords),
              split_words(kEnglishPlaces),
              split_words(kEnglishOrgs),
              split_words(kEnglishMonths),
              split_words(kEnglishUnits),
              {"Share: Facebook Twitter VK Telegram WhatsApp",
               "Disclaimer: the views expressed in this report are those of the authors and do not "
               "necessarily reflect the official position of the editorial board. Reproduction of "
               "materials is permitted only with a hyperlink to the source.",
               "For reference: the regional development programme was adopted in 2019 and covers "
               "transport, energy and water supply projects in twelve districts with total funding "
               "of 450 billion tenge."},
              {"en/share", "en/disclaimer", "en/reference"}};
    all[1] = {"ru",
              split_words(kRussianWords),
              split_words(kRussianPlaces),
              split_words(kRussianOrgs),
              split_words(kRussianMonths),
              split_words(kRussianUnits),
              {"Поделиться: Facebook Twitter VK Telegram WhatsApp",
               "Мнение авторов может не совпадать с позицией редакции. Перепечатка материалов "
               "разрешена только с активной гиперссылкой на источник.",
               "Для справки: программа развития региона была принята в 2019 году и охватывает "
               "проекты в сфере транспорта, энергетики и водоснабжения в двенадцати районах с "
               "общим объемом финансирования 450 млрд тенге."},
              {"ru/share", "ru/disclaimer", "ru/reference"}};
    all[2] = {"kk",
              split_words(kKazakhWords),
              split_words(kKazakhPlaces),
              split_words(kKazakhOrgs),
              split_words(kKazakhMonths),
              split_words(kKazakhUnits),
              {"Бөлісу: Facebook Twitter VK Telegram WhatsApp",
               "Авторлардың пікірі редакцияның ұстанымымен сәйкес келмеуі мүмкін. Материалдарды "
               "көшіріп басу тек дереккөзге белсенді гиперсілтеме болған жағдайда рұқсат етіледі.",
               "Анықтама үшін: өңірді дамыту бағдарламасы 2019 жылы қабылданған және көлік, "
               "энергетика мен сумен жабдықтау салаларындағы жобаларды қамтиды, жалпы "
               "қаржыландыру көлемі 450 млрд теңге."},
              {"kk/share", "kk/disclaimer", "kk/reference"}};
    return all;
  }();
  return kAll[static_cast<int>(lang)];
}

}  // namespace docsift::detail
