// Extraction heuristics as data, in the manner of trafilatura's settings: which tags never carry
// story text, which class/id names mark boilerplate, which containers known CMSs put the story in.
// Generic patterns only; nothing here names a particular site.

/**
 * Never rendered and never counted: code, media and form controls. (`<noscript>` is read: some
 * blog platforms put the whole post there for script-less readers; short notices are left out.)
 */
export const SKIP_TAGS = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'object',
  'embed',
  'button',
  'select',
  'option',
  'input',
  'textarea',
  'label',
  'head',
  'title',
  'meta',
  'link',
  'dialog',
  'map',
]);

/** Elements a browser keeps in `<head>`; any other element (or text) there begins the body. */
export const HEAD_TAGS = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'noframes', 'noscript', 'script', 'style', 'template', 'title']);

/**
 * A `<title>` never closed (or closed by a damaged tag, `</titleval`): its text runs to the end of the
 * page, and the whole page is read as the title. A title this long that holds page markup (a tag, a
 * comment's end) is such a run: the title ends where the markup begins (`reopenTitle`).
 */
export const RUNAWAY_TITLE_CHARS = 1000;
export const RUNAWAY_TITLE_MARKUP = /<\/?[a-z!][^>]*>|-->/i;

/** Image captions and credits: not story text (trafilatura leaves them out by default too). */
export const CAPTION_TAGS = new Set(['figcaption']);

/**
 * Inside a `<figure>`, a `<cite>` or an element named as a caption or credit is the picture's
 * caption or credit line, even when its name also reads as protected (`story-image-copyright`,
 * `image-and-copyright-container`).
 */
export const FIGURE_CREDIT_TAGS = new Set(['cite']);
export const FIGURE_CREDIT_NAMES = /credit|copyright/i;

/** Page furniture: menus, page header and footer, asides, forms. */
export const BOILERPLATE_TAGS = new Set(['nav', 'footer', 'aside', 'form', 'menu', 'header']);

/**
 * Class/id tokens of boilerplate blocks: comments (also as German, Spanish, Polish/Czech and Dutch
 * sites name them: `kommentare`, `comentarios`, `komentarze`, `reacties`), share bars, related links, ads, cookie banners,
 * bylines and dates, tag lists, breadcrumbs, newsletters, author boxes. Matched on the whole
 * `class id` string of an element; see PROTECTED_NAMES for the names that override a match.
 */
export const BOILERPLATE_NAMES = new RegExp(
  [
    'comment',
    'komment',
    'comentari',
    'komentar',
    'reacties',
    'disqus',
    'respond',
    'reply',
    'share',
    'sharing',
    'social',
    'sociable',
    'addthis',
    'shariff',
    'related',
    'relevant',
    'recommend',
    'read-?more',
    'more-?stories',
    'also-?read',
    'tin-?lien-?quan',
    'tinlienquan',
    'lienquan',
    'xem-?them',
    'xemthem',
    'doc-?them',
    'tin-?khac',
    'tinkhac',
    'cung-?chuyen-?muc',
    'box-?tin',
    'sidebar',
    'side-?bar',
    'widget',
    'breadcrumb',
    'pagination',
    'pager',
    'paging',
    'cookie',
    'consent',
    'gdpr',
    'news-?letter',
    'call-?to-?action',
    'subscri',
    'signup',
    'sign-?up',
    'login',
    'popup',
    'modal',
    'overlay',
    'banner',
    'advert',
    'sponsor',
    'promo',
    'quang-?cao',
    'quangcao',
    'taboola',
    'outbrain',
    'byline',
    'author',
    'tac-?gia',
    'posted-?on',
    'entry-?meta',
    'post-?meta',
    'article-?meta',
    'meta-?data',
    'metadata',
    'dateline',
    'timestamp',
    'published',
    'post-?date',
    'entry-?date',
    'date-?time',
    'datetime',
    'tags',
    'tag-?list',
    'tagcloud',
    'keyword',
    'tu-?khoa',
    'category',
    'categories',
    'toolbar',
    'tool-?bar',
    'rating',
    'vote',
    'navigation',
    'navbar',
    'menu',
    'masthead',
    'footer',
    'copyright',
    'imprint',
    'impressum',
    'disclaimer',
    'disclosure',
    'skip-?link',
    'screen-?reader',
    'visually-?hidden',
    'sr-only',
    'most-?read',
    'most-?popular',
    'popular',
    'trending',
    'doc-?nhieu',
    'docnhieu',
    'next-?post',
    'prev-?post',
    'post-?nav',
    'nav-?links',
    'jp-relatedposts',
  ].join('|'),
  'i',
);

/**
 * Class/id names of a picture's caption or credit outside `<figcaption>`, boilerplate as
 * BOILERPLATE_NAMES are (a protected name keeps the element): `caption`, `credit`,
 * `bildunterschrift`, `legend` (`légende`) as a name of its own, and a picture word joined to a
 * description or subtitle, at most one name part between them (`image-description`,
 * `ImageDescription`, `photo-description`, `lightbox__description`, `lightbox-gallery__description`,
 * `media-block__description`, `mediaSubtitle`, `mediaDescription`). A description or subtitle of
 * anything else is the page's (`product-description`, a gallery's `gallery__subtitle` dek), and
 * so is a table's row header marked `isLegend`.
 */
export const CAPTION_NAMES =
  /caption|credit|bildunterschrift|(^|[\s_-])legende?([\s_-]|$)|(image|img|photo|foto|picture|bild|media|lightbox)([_-]+[a-z]+)?[_-]*(description|subtitle)/i;

/**
 * Names that keep an element even when a boilerplate token also matches (`sidebar-and-content-body`,
 * `author-article`, WordPress `hentry category-news`), as Readability's "maybe a candidate" list does.
 */
export const PROTECTED_NAMES = /and|article|body|column|content|main|shadow|hentry|h-entry|type-post|status-publish|fck_detail|story|detail/i;

/**
 * Boilerplate names that win over a protected name (`article-comments`, `post-share`, `content-related`)
 * and that looser attempts still leave out (an author's bio box, `author-box`, `about-the-author`).
 */
export const STRONG_BOILERPLATE_NAMES =
  /comment|disqus|share|sharing|social|related|recommend|cookie|consent|newsletter|subscri|breadcrumb|taboola|outbrain|byline|jp-relatedposts|tin-?lien-?quan|tinlienquan|xem-?them|doc-?them|tin-?khac|author-?(box|bio|block|info|card|profile|description|details)|about-?(the-?)?author|contributor-?box|saboxplugin|feedback|was-?this-?(page-?)?helpful/i;

/**
 * Live tickers and live blogs: their entries are the story, even when a CMS names them comments
 * (`live-match-comment`). Vietnamese: `tuong-thuat` (live coverage).
 */
export const LIVE_NAMES = /(^|[\s_-])live-?(blog|ticker|match|feed|update|coverage|report|text|event)|liveblog|liveticker|minute-?by-?minute|tuong-?thuat/i;

/**
 * A listicle's numbered item heading: a number of up to three digits with its point or parenthesis ("2. Stanford GSB",
 * "20) Faces Places", "9). Parking", "(4) The Big Sick", "#3 Pothos") or a numbered step ("Step 1 - Backing up your
 * data", "Schritt 2: …"), then a space. It heads the story's section whatever it links to (a ranking's entries link
 * to the site's own page on each); a year ("2024: …"), a figure ("1.5 million …") or a bare count ("10 best …") is
 * no item number, so another story's linked headline stays a link.
 */
export const NUMBERED_HEADING = /^\s*(?:#\s?\d{1,3}|\(\d{1,3}\)|\d{1,3}[.):]{1,2}|(?:step|schritt)\s+\d{1,3}\s*[-–—:.])\s+\S/i;

/** The close control of a popup, modal or info box, by its class/id. */
export const CLOSE_CONTROL = /(^|[\s_-])(close|btn-?close|close-?btn|dismiss)([\s_-]|$)/i;

/**
 * Ad slots and calls to action (`cta`) are often named by short tokens that would be too broad as substrings. A token
 * is followed by a separator, the name's end, a number ending the name part (`ad1`, `gpt-ad-2`) or a banner size
 * (`ad300x250`); a part that merely begins with one inside a build tool's hash is no ad slot (a Gutenberg block's UUID
 * `block-…-ad6d-…`, Elementor's `elementor-element-ad2c87f`, a CSS module's `__qC6TX`, Astro's `astro-qc4fw6y2`).
 */
export const AD_TOKENS = /(^|[\s_-])(ads?|adv|advertisement|adsbygoogle|qc|ad-?slot|ad-?container|dfp|gpt|cta)(\d*([\s_-]|$)|\d+x\d+)/i;

/**
 * Class/id names of a story's standfirst, lead or deck (Vietnamese CMSs: `sapo`; Nordic ones:
 * `ingress`), which CMSs put before the body, often in the article's header or a row of its own,
 * or in the page's hero banner (`page-hero__text`, Bootstrap's `jumbotron`) beside the headline.
 * Matched from the start of a name token; such a block joins the story when it is prose (see
 * main-text.ts).
 */
export const LEAD_NAMES =
  /(^|[\s_-])(lead(?!er)|lede|intro|teaser|sapo|standfirst|abstract|excerpt|summary|deck|dek(?![a-z])|sub-?title|sub-?headline|ingress|epigraph|chapeau|chapo|perex|entradilla|bajada|description|hero|jumbotron)/i;

/**
 * schema.org microdata properties of an article's standfirst (`itemprop="description"` on the
 * deck under the headline): the page names the lead itself, whatever its class.
 */
export const LEAD_ITEMPROPS = /^(description|abstract|alternativeheadline)$/i;

/** Readability-style class/id weights for choosing the story container. */
export const POSITIVE_NAMES = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|chi-?tiet|noi-?dung|cms/i;
export const NEGATIVE_NAMES =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|komment|comentari|komentar|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|menu|nav/i;

/**
 * Story containers of common CMSs (WordPress, Drupal, Joomla, news CMSs; Vietnamese ones such as
 * fck_detail, detail-content, cms-body, knc-content), by class name, in order of preference after
 * `itemprop="articleBody"`. Used first when they hold enough running text.
 */
export const CMS_CONTAINER_CLASSES = [
  'fck_detail',
  'detail-content',
  'content-detail',
  'detail__content',
  'detail-cmain',
  'cms-body',
  'knc-content',
  'singular-content',
  'article-body',
  'article__body',
  'articleBody',
  'article-content',
  'article__content',
  'article-text',
  'story-body',
  'story__body',
  'entry-content',
  'post-content',
  'post-body',
  'post-entry',
  'td-post-content',
  'blog-post-body',
  'field-name-body',
  'field--name-body',
  'node-content',
  'item-page',
  'news-content',
  'newsContent',
  'news-detail',
  'main-content-detail',
  'noi-dung',
  'noidung',
  'content-news',
];

/** The heading elements, h1 to h6 (shared with the social crawlers' text rendering). */
export const HEADING_TAGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Elements that end a paragraph when rendered to text. */
export const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  ...HEADING_TAGS,
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'tfoot',
  'figure',
  'figcaption',
  'address',
  'hr',
  'br',
  'center',
  'details',
  'summary',
  'caption',
]);

/** Table cells and list items: a date stamp inside one is data, not a dateline. */
export const DATA_CELL_TAGS = new Set(['td', 'th', 'li', 'dt', 'dd']);

/** Elements whose children are the page's own top-level sections, not parts of one story. */
export const PAGE_LEVEL_TAGS = new Set(['main', 'body']);

/** Rows and row groups: a story container found there is promoted to its table. */
export const TABLE_PARTS = new Set(['tr', 'tbody', 'thead', 'tfoot']);

/**
 * Names of a story's reference list (MediaWiki's `reflist`/`references`, Springer's
 * `c-article-references`, footnote plugins): its citations outscore the story they belong to.
 */
export const REFERENCE_NAMES = /(^|[\s_-])(references|reflist|footnotes|bibliography|citations|endnotes)([\s_-]|$)/i;

/** Elements whose own text is a paragraph for scoring (Readability's "paragraph" tags). */
export const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'dd']);

/** schema.org types that make a JSON-LD node an article. */
export const ARTICLE_TYPES =
  /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BackgroundNewsArticle|Report|ScholarlyArticle|TechArticle|LiveBlogPosting|SocialMediaPosting|Blog)$/;

/**
 * URL paths of listing pages: home, categories, tags, search, archives, authors, feeds. A search asks
 * for words (`?s=`, `?q=`) and a page of results is numbered (`?page=2`): a bare number in `?S=7565791`
 * or anything but a number in `?page=nhl/news/ADN4121153.htm` names one story on a dynamic site (twenty-third pass),
 * and an empty parameter asks for nothing (`news.asp?id=208777&s=&i=&t=…`, a story's link carrying its site's
 * empty search and section fields: forty-third pass).
 */
export const LISTING_PATHS =
  /^\/?$|^\/(index\.(html?|php))?$|\/(tag|tags|category|categories|chuyen-muc|chuyen-de|topic|topics|search|tim-kiem|archive|archives|author|authors|page|feed)(\/|\.html?$|$)|[?&](s|q|search)=(?!\d+(&|#|$)|&|#|$)|[?&]page=\d+(&|#|$)/i;

/**
 * A path ending in a slug of five or more words names one page (`/page/how-to-make-a-good-game`),
 * whatever listing word comes before it: tags, topics and page numbers are a word or three.
 */
export const STORY_SLUG = /\/[^/]*[a-z]{2,}[^/]*?(?:[-_][a-z0-9]+){4,}(\.html?)?\/?$/i;

/**
 * A script or file named for one story (`/topics/news/story.html?id=…`, `/category/story.cfm?objectid=…`,
 * `/site/topics/article.asp?item_no=…`), as dynamic news sites print a story under its section's
 * listing word; a listing's script is named for the list (`articles.php`, `index.asp`).
 */
export const STORY_FILE = /\/(story|article)\.(html?|php|aspx?|cfm|jsp)$/i;

/**
 * An entry's numbered file under an archive path, as Movable Type and 2000s news CMSs name one
 * story (`/archives/009849.html`, `/archives/2008/01/07/123900.php`, `/releases/archive/January2008/06/c6796.html`);
 * an archive's own pages are a year, a month or an index (`/archives/2008.html`, `/archive/2025/12/`).
 */
export const ARCHIVED_ENTRY = /\/archives?\/(.*\/)?(?!(19|20)\d{2}\.)[a-z]?\d{4,}\.(html?|php|aspx?|cfm|jsp)$/i;

/**
 * A query naming one story by its id and one of its pages (`story?id=4096951&page=1`,
 * `Article_Page.aspx?ArticleID=5749&Page=1`): a page of that story, not a page of results.
 */
export const STORY_ID_QUERY = /[?&](article|story|news|post|item|content)?_?id=\d+(&|$)/i;

/**
 * A publication date in the URL path before the story's slug (`/2019/11/20/slug`, `/2016/06/slug`),
 * as WordPress and many news CMSs build permalinks; date archives (`/2019/11/`) have no slug.
 */
export const URL_DATE = /\/(19|20)\d{2}\/(0?[1-9]|1[0-2])\/((0?[1-9]|[12]\d|3[01])\/)?[^/?#]*[a-z][^/?#]*[-_][^/?#]*[a-z]/i;

/** Sentence punctuation counted by block scoring (Latin, CJK, Arabic). */
export const PUNCTUATION = /[,.;:!?，。、；：！？،؛]/g;

/**
 * A date as pages print it beside a headline ("14.06.2019", "2019-06-14", "3. August 2015",
 * "July 28, 2011", "23 mai 2011"): month names by their first letters in the languages of the
 * evaluation set and Vietnamese pages' numeric forms. Used only to tell a dated story from an info
 * page, never as the published time (that stays as declared in markup).
 */
const MONTHS =
  '(jan|feb|f[eé]v|m[aä]r|apr|avr|mai|may|jun|jui|jul|aug|ao[uû]|sep|set|o[ck]t|nov|de[cz]|d[eé]c|ene|abr|ago|dic|gen|giu|lug|ott|mrt|sty|lut|kwi|cze|lip|wrz|pa[zź]|lis|gru)[a-zäéûíóúłńśźżç]*\\.?';
const DATE_FORMS = [
  '\\b\\d{1,2}[./]\\s?\\d{1,2}[./]\\s?(19|20)\\d{2}\\b',
  '\\b(19|20)\\d{2}-\\d{2}-\\d{2}\\b',
  `\\b\\d{1,2}\\.?\\s+(de\\s+)?${MONTHS}\\s+(de\\s+)?(19|20)\\d{2}\\b`,
  `\\b${MONTHS}\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+(19|20)\\d{2}\\b`,
];
export const PRINTED_DATE = new RegExp(DATE_FORMS.join('|'), 'i');

/** A clock time as pages print it beside a date ("3:59 PM", "14:05 Uhr", "14h05", "9:28 AM UTC", "07:50 GMT+7"). */
const CLOCK_TIME = '\\d{1,2}[:.h]\\d{2}\\s*([ap]\\.?\\s?m\\.?|uhr|hrs)?(\\s*\\(?([a-z]{2,4}|(utc|gmt)[+-]\\d{1,2})\\)?)?';
/** A clock time alone on its line: with its "PM" or "Uhr" only, since a bare "0:24" is a video's length. */
const CLOCK_TIME_ALONE = '\\d{1,2}[:.]\\d{2}\\s*([ap]\\.?\\s?m\\.?|uhr)';
/**
 * Labels before a date stamp ("Updated", "Veröffentlicht am", "Stand:", "Erstellt:", "Publiziert:",
 * "Akt.:", "Online seit", "Sist oppdatert"): English, German, French, Spanish, Polish, Vietnamese,
 * Italian and the Scandinavian languages.
 */
const DATE_LABEL =
  '((last |zuletzt |sist )?(updated|published|posted|modified|aktualisiert|veröffentlicht|publiziert|erstellt|stand|akt\\.|datum|online seit|publié|mis à jour|publicado|actualizado|opublikowano|aktualizacja|cập nhật|đăng|aggiornato|pubblicato|oppdatert|publisert|uppdaterad|publicerad|opdateret|udgivet)( (on|am|le|el|lúc|ngày|il|den))?\\s*:?\\s*)';
/** Weekdays before a date stamp ("Thursday,", "Montag,", "Thứ hai,", "torsdag"). */
const WEEKDAY =
  '((mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?|(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|(lunes|martes|miércoles|jueves|viernes|sábado|domingo)|(thứ \\S+|chủ nhật)|(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tisdag|lördag|söndag))';
/** What may stand before a stamp's date: a label, then a weekday, both optional. */
const STAMP_LEAD = `${DATE_LABEL}?${WEEKDAY}?,?\\s*`;
/** The time after a stamp's date ("…, 14:05 Uhr", "… - 18:50", "… um 9.57 Uhr", "… kl. 20:24"). */
const STAMP_TIME = `(\\s*,?\\s*(-|–|—|\\||at|um|à|a las|lúc|kl\\.?)?\\s*${CLOCK_TIME})`;
/** A reading time after a stamp ("Lesedauer: 4 Min.", "7 min", "3 min read"). */
const READING_TIME =
  '(\\s*((lesedauer|lesezeit|reading time|read time|temps de lecture)\\s*:?\\s*)?\\d{1,2}\\s*(min(\\.|uten?|utes?|s)?|minuter)\\.?(\\s*(read|lesezeit|de lecture))?)';
/** A day said in words instead of a date, only after a label ("Publiziert heute um 12:19 Uhr"). */
const RELATIVE_DAY = "(heute|gestern|today|yesterday|aujourd'hui|hier|hoy|ayer|i dag|idag|i går|igår)";
/** An age alone on its line, or after a label ("1 day ago", "8 months ago", "Published 6 days ago", "vor 3 Stunden"). */
const RELATIVE_AGE =
  '(\\d{1,2}|an?|one)\\s+(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\s+ago|vor\\s+(\\d{1,2}|einer?|einem)\\s+(minuten?|stunden?|tag(en)?|wochen?|monat(en)?|jahr(en)?)|il y a\\s+\\d{1,2}\\s+(minutes?|heures?|jours?)|hace\\s+\\d{1,2}\\s+(minutos?|horas?|d[ií]as?)';

/**
 * A block that is only a date stamp, with its label, weekday or time ("August 25, 2025",
 * "Updated Feb 11, 2026", "23.10.2018", "3:59 PM", "Stand: 26.04.2024, 20:44 Uhr", "06. 01. 2026,
 * 14:59 Uhr Lesedauer: 4 Minuten", "Publiziert heute um 12:19 Uhr", "Published 6 days ago"): the
 * story's or a teaser's dateline, kept apart as metadata, not a line of the story. A day in words
 * ("heute") only after a label. In a table cell or a list item a date is the row's data (a price
 * history, an event's day): see DATA_CELL_TAGS.
 */
export const DATE_STAMP_LINE = new RegExp(
  `^${STAMP_LEAD}(${DATE_FORMS.join('|')})${STAMP_TIME}?${READING_TIME}?$` +
    `|^${DATE_LABEL}${RELATIVE_DAY}${STAMP_TIME}?$` +
    `|^${CLOCK_TIME_ALONE}$|^${DATE_LABEL}?(${RELATIVE_AGE})$`,
  'i',
);

/** The pages a disclosure speaks of: this post, our site, my blog (English, German, French, Spanish, Polish). */
const OWN_PAGE =
  '\\b(this|our|my)\\s+(post|article|page|site|website|blog|story|review|guide|content|video|list)s?\\b|\\b(dies(e[mrs]?)?|unser(e[mnrs]?)?)\\s+(artikel|beitrag|text|seite|website|blog|post)\\b|\\b(cet(te)?|ce|notre)\\s+(article|page|billet|site|blog)\\b|\\b(este|esta|nuestro|nuestra)\\s+(art[ií]culo|p[aá]gina|post|entrada|web|sitio|blog)\\b|\\b(ten|ta|nasz[a]?)\\s+(artyku[lł]|wpis|tekst|strona|blog)\\b';
/** Affiliate links by name, in the same languages. */
const AFFILIATE_LINKS =
  "\\b(affiliate|commissionable|referral)[- ]links?\\b|\\b(affiliate|provisions|werbe|partner)-?links\\b|\\bliens?\\s+(d'|d’|de\\s+)?affili|\\benlaces?\\s+(de\\s+)?afiliad|\\blink(i|ów)?\\s+afiliacyjn|\\baffiliate\\s+ones\\b";
/** The site's own earning: first person, then a commission ("we may earn a small commission", "erhalten wir eine Provision"). */
const OWN_COMMISSION =
  '\\b(we|i)\\s+(may|might|will|could)?\\s*(also\\s+)?(earn|receive|get|make)\\s+(a\\s+)?(small\\s+|tiny\\s+)?(commission|compensation|kick-?\\s*back)|\\b((erhalten|bekommen)\\s+(wir|ich)|(wir|ich)\\s+(erhalten|bekommen))\\b[^.!?]{0,30}\\bprovision|\\b(nous|je)\\s+(pouvons\\s+|pourrions\\s+|peux\\s+)?(percevoir|percevons|per[çc]ois|toucher|touchons|recevoir|recevons)\\s+une\\s+(petite\\s+)?commission|\\b((podemos|puedo)\\s+(recibir|ganar|obtener)|recibimos|ganamos|obtenemos)\\s+una\\s+(peque[ñn]a\\s+)?comisi[oó]n|\\b(otrzymujemy|otrzymuj[eę]|mo[zż]emy\\s+otrzyma[cć])\\s+prowizj';
/**
 * An affiliate disclosure, by its shape: this page or post contains or uses affiliate links ("This
 * post may contain affiliate links", "In diesem Artikel sind Affiliate-Links enthalten", "Cet article
 * contient des liens affiliés"), we use them ("We use income earning auto affiliate links"), the
 * links (marked with a star, in this post) are affiliate links, or the site earns a commission on
 * them ("…we may earn a small commission", "Wenn du darauf klickst, erhalten wir eine Provision").
 * The bare words are no disclosure: a story about affiliate marketing names them ("implement
 * affiliate links, UTM tracking and discount codes", "Streamers earn a commission … via affiliate
 * links").
 */
export const AFFILIATE_DISCLOSURE = new RegExp(
  `(${OWN_PAGE})[^.!?]{0,40}?(${AFFILIATE_LINKS})` +
    `|(${AFFILIATE_LINKS})[^.!?]{0,30}?\\b(in|on|im|auf|dans|sur|en|w)\\s+(${OWN_PAGE})` +
    `|\\b(we|i|wir|ich|nous|je)\\s+(also\\s+)?(use|uses|nutzen|verwenden|setzen|utilisons|utilise)\\b[^.!?]{0,40}?(${AFFILIATE_LINKS})` +
    `|\\b(links?|liens|enlaces|linki)\\b[^.!?]{0,40}?\\b(are|is|sind|sont|son|s[aą])\\s+(so-?called\\s+|sogenannte\\s+|so\\s+genannte\\s+)?(${AFFILIATE_LINKS})` +
    `|(${OWN_COMMISSION})`,
  'i',
);

/**
 * An article's tool bar rendered as a line of its own: print, e-mail, share or bookmark the story, change the text's
 * size ("Print | E-mail", "Email this story to a friend", "Font size: Decrease Increase", "Digg | Facebook | E-mail",
 * "Drucken", "Teilen"). The whole block is tool words, at least one of them a tool; a social network's name alone is
 * no tool (a story may list networks), nor is "Article:" or "Story" alone. Each item is a word group ended by a
 * separator or the line's end, so the test stays linear.
 */
const TOOL_ITEM =
  '(print|e-?mail|share|digg|tweet|drucken|teilen|versenden|imprimer|partager|envoyer|imprimir|compartir|trackback)( (this|the))?( (article|story|page|post))?( to a friend)?[!:]?' +
  '|printer[- ]?friendly( (version|page))?|(text|font)[- ]?size:?( (decrease|increase|a\\+|a-|\\+|-))*|skip to next paragraph|back to headlines';
const TOOL_SOCIAL = 'facebook|twitter|linkedin|whatsapp|reddit|pinterest';
const TOOL_END = '(?:[\\s•·|,/]+|$)';
export const ARTICLE_TOOLS_LINE = new RegExp(
  `^[\\s•·|,/]*(?:(?:${TOOL_SOCIAL})${TOOL_END})*(?:${TOOL_ITEM})${TOOL_END}(?:(?:${TOOL_ITEM}|${TOOL_SOCIAL})${TOOL_END})*$`,
  'i',
);

/**
 * A control's label rendered as a line of its own: a toggle that shows more or less of a list ("See more", "See less",
 * "See more reviews", "Mehr anzeigen"), a caption's toggle ("Show Caption"), a video's start ("Play now", "Click to
 * play"). A bare "View", "Back" or "Close" is not matched: a story may head a section with the word.
 */
export const CONTROL_LABEL_LINE =
  /^((see|show|load|view) (more|less|all)( (comments|replies|reviews|photos|images|details))?|(show|hide) caption|play now|(click|tap) to play( ?(click|tap) to play)?|(mehr|weniger|alle) anzeigen|voir plus|ver más)[.…!]?$/i;

/**
 * A line rule whose pattern is tried only on a line holding its cue (a word it cannot match without):
 * the patterns of the forty-second pass search the whole line, which costs more than a test for a few
 * words on every line rendered.
 */
export interface CuedLine {
  cue: RegExp;
  line: RegExp;
}
export type LineRule = RegExp | CuedLine;
export const matchesLine = (rule: LineRule, text: string) => (rule instanceof RegExp ? rule.test(text) : rule.cue.test(text) && rule.line.test(text));

/**
 * A newsletter's own promotion, in one short block (forty-second pass): the site's newsletter named as
 * "our …", a heading that is the newsletter's name, what it delivers to "your inbox", the thanks for
 * subscribing, the Guardian's "skip past newsletter promotion". A story's sentence about newsletters
 * names none of the site's own and promises the reader nothing.
 */
export const NEWSLETTER_PROMO_HEADING =
  /^((e-?)?newsletters?\s*:|(free|join|get|click here)\b[^.!?]{0,40}\b(e-?)?newsletters?\b|(redaktioneller newsletter|(e-?)?newsletters?|\S+ newsletter)[.!]?$)/i;
export const NEWSLETTER_PROMO_LINE: CuedLine = {
  cue: /newsletter|inbox|posteingang|subscribing/i,
  line: /\b(our|unseren?|unserem)\b(\s+\S+){0,3}\s+(e-?)?newsletters?\b|\b(e-?)?newsletters? (informiert sie|alerts you)\b|\b(delivered|straight|right) (to|in|into) your inbox\b|\bsign up\b[^.!?]{0,40}\bin your inbox\b|\bthis newsletter forwarded to you\b|\bin deinen posteingang\b|\bthank you for subscribing\b|\bnewsletter promotion\b|-newsletter richtig\b/i,
};

/**
 * The text of a consent manager's placeholder standing in for an embedded post, video or chart, under
 * the site's own markup (forty-second pass; CONSENT_PLACEHOLDER_NAMES finds the vendors' own): the
 * heading ("Empfohlener redaktioneller Inhalt", "Externer Inhalt", "Ein Klick für den Datenschutz"),
 * the notice that an external content is placed here, the consent checkbox's label, the warning that
 * personal data may reach third platforms, the link to the embed's source.
 */
export const EMBED_CONSENT_HEADING =
  /^(empfohlener (redaktioneller|externer) inhalt|externer inhalt|ein klick für den datenschutz|link zum [\w.-]{1,30}-inhalt)$|^(to view this (content|video|embed|post)|this (content|embed) is (hosted|provided) by (a )?third[- ]party|click (here )?to (load|show|display) (the )?(external )?(content|video|embed|map))\b/i;
export const EMBED_CONSENT_LINE: CuedLine = {
  cue: /einverstanden|an dieser stelle|drittplattform|eingebettete|einwilligung|mit einem klick/i,
  line: /\bich bin damit einverstanden, dass mir\b[^.!?]{0,60}\binhalte?\b[^.!?]{0,40}\bangezeigt (werden|wird)|\ban dieser stelle find(est du|en sie|et ihr)\b[^.!?]{0,80}\bexternen inhalt|\bpersonenbezogene daten können an drittplattformen übermittelt werden|\bum eingebettete inhalte anzuzeigen\b|\b(deine|ihre) einwilligung jederzeit\b[^.!?]{0,80}\bwiderrufen|\bmit einem klick anzeigen lassen und wieder ausblenden/i,
};

/**
 * A magazine's or paper's promotion of its print issue or e-paper (forty-second pass): the issue on sale
 * at the kiosk or by subscription ("Die aktuelle Ausgabe der L-MAG jetzt an jedem Bahnhofskiosk", "Die
 * VOGUE-Ausgabe … ist ab dem 27. April im Handel erhältlich"), the whole article in the print issue
 * ("Den kompletten Beitrag lesen Sie in der neuen Juli-Ausgabe"), "Click here to read the … ePaper", a
 * note that the article "also appeared in the May/June 2024 issue of" the magazine.
 */
export const PRINT_ISSUE_LINE: CuedLine = {
  cue: /ausgabe|heft|issue|edition|paper/i,
  line: /\b(ausgabe|heft|issue|edition)\b[^.!?]{0,80}(kiosk|zeitschriftenhandel|im handel erhältlich|\bim abo\b|\bnewsstands?\b)|\bden (ganzen|kompletten|vollständigen) (artikel|beitrag)\b[^.!?]{0,40}\b(lesen sie|finden sie)\b[^.!?]{0,40}ausgabe\b|\bread the\b[^.!?]{0,40}\be-?paper\b|\b(also|originally|first) appeared in the\b[^.!?]{0,40}\b(issue|edition) of\b/i,
};

/**
 * A cookie notice left in the page's text (forty-second pass): the site saying that it uses cookies
 * ("We use cookies on our website…", "This website uses cookies. By continuing…", "Wir verwenden
 * Cookies, um…"), or which ones. A story's sentence about cookies is not the site's own notice.
 */
export const COOKIE_NOTICE_LINE: CuedLine = {
  cue: /cookies/i,
  line: /^(we|this (web)?site|our (web)?site|wir|diese (web)?seite|unsere (web)?seite)\b[^.!?]{0,40}\b(uses?|verwenden|nutzen|setzt|benutzt|utilise|utilisons|usa|usamos|utiliza)\b[^.!?]{0,30}\bcookies\b|\bwelche cookies wir verwenden\b|\b(by continuing to (use|browse)|durch die weitere nutzung)\b[^.!?]{0,80}\bcookies\b/i,
};

/**
 * Notes that stand where an advertisement sits or a picture can be enlarged, and notes on reusing or
 * citing the page (forty-second pass): an ad label set off by dashes or brackets ("- Anzeige-"),
 * "Article continues below", "Click photo to enlarge", IDG's "Vergrößern" before a caption, a
 * suggested citation ("Citation: … retrieved … from", "Zitiervorschlag"), a Creative Commons licence
 * line, and the heading of a table of contents ("Table of Contents Show", "On this page") whose links
 * are left out as a link list; DOCUMENT_NOTE_LINE: phys.org's reuse notice and a document link's type
 * and size (the German federal sites' "PDF | 38 KB | Datei ist nicht barrierefrei").
 */
export const PAGE_NOTE_LINE =
  /^([-–—*[(|•\s]+(anzeige|werbung|advertisement|advertising|sponsored|reklama|publicidad|publicité|pubblicità)[-–—*\])|•\s]*$|((article|story) continues (below|after (this )?(advertisement|ad))|continue reading (below|after (the )?(advertisement|ad)))$|(click (the )?(photo|image|picture|thumbnail) to enlarge|view larger (image|photo|picture)|enlarge (this )?(image|photo|picture)|bild vergrößern|vergrößern)$|vergrößern\s+(?!sie\b)\S|(suggested citation|zitiervorschlag|cite this (article|page|post)|how to cite this article)\b|citation\s*:.{0,200}\bretrieved\b|this (work|article|post|page|content) is licensed under (a |the )?(creative commons|cc[ -]by)\b|(table of contents|contents|inhaltsverzeichnis|in this article|on this page|jump to|sommaire|índice|spis treści)( (show|hide|toggle|\[(show|hide)\]))?\s*:?$)/i;
export const DOCUMENT_NOTE_LINE: CuedLine = {
  cue: /copyright|barrierefrei|\d\s*[km]b\b/i,
  line: /\bthis document is subject to copyright\b|(pdf|docx?|xlsx?|pptx?|zip|odt)\s*\|\s*\d+([.,]\d+)?\s*(kb|mb)\b|\bdatei ist (nicht )?barrierefrei\b/i,
};

/**
 * Lines that are page furniture whatever their markup, matched on a whole short block of the
 * rendered story (≤ BOILERPLATE_LINE_CHARS): the heading of a related-stories box ("Mehr zum
 * Thema", "Zobacz również", "Le puede interesar", "Xem thêm"), calls to subscribe, follow, support
 * or write in, photo credits and agency signatures ("aja/PAP"), comment-form prompts and page
 * stamps ("Last modified"). Languages of the evaluation set plus Vietnamese.
 */
export const BOILERPLATE_LINES: LineRule[] = [
  // Related-stories headings: the whole line, an optional colon or ellipsis after it.
  /^(mehr zum thema|mehr zu [^.!?]{1,40}|zum weiterlesen|weiterlesen|lesen sie auch|lies auch|auch interessant|das könnte sie (auch )?interessieren|weitere artikel|weitere informationen|auch auf \S+|read more|read also|see also|related( (stories|articles|posts|content))?|more on this( story| topic)?|you (may|might) also like|recommended( for you)?|à lire aussi|lire aussi|voir aussi|sur le même sujet|le puede interesar|te puede interesar|lea también|lee también|ver también|zobacz (również|też|także)|czytaj (również|też|także)|polecamy|xem thêm|tin liên quan|đọc thêm|tin cùng chuyên mục)\s*[:.…]*$/i,
  // Photo and picture credits ("Crédits photos : Bestimage", "Foto: dpa", "Bild: istockphoto").
  /^(photo ?credits?|crédits? photos?|credits?|fotos?|bild(er|nachweis|quelle)?|image|photo|ảnh)\s*:\s*\S.{0,80}$/i,
  // An agency signature: editors' initials and the agency ("aja/PAP", "dpa/lnw").
  /^[a-zäöü]{2,4}(\s*\/\s*[a-zäöü]{2,5})*\s*\/\s*(pap|dpa|afp|apa|ap|kna|epd|reuters|sda|ansa|efe)$/i,
  // Calls to subscribe, sign up (for a newsletter, e-mails or alerts: "sign up for a free trial" is a
  // step of the story, and so is signing up for something else "using the same email"), follow,
  // support or write in, anywhere in a short block.
  /\b(sign up (here|now|(to|for) ((?!\b(using|with|via|through|by|from)\b)[^.!?]){0,40}?\b(newsletters?|e-?mails?|updates|alerts|mailing list))|subscribe (now|here|to (our|the))|abonnieren sie|jetzt abonnieren|newsletter abonnieren|suscr[ií]b[ae]te|suscribirse|abonnez-vous|would you consider supporting|support (our|us)|unterstütze unser|hazte miembro|if you enjoyed (reading )?this|gefällt (dir|ihnen) unser|follow (us|the \w+) on|folgen sie uns|folgt (uns|mir)|download the \w+ apps?|get the latest news straight to|puede escribirnos|do you want to be informed|submit your letter|bei fragen und anregungen|sie wollen mehr von uns)\b/i,
  // Calls to follow a person or a section on social networks ("Follow Newsbeat on Instagram…",
  // "Follow her on Twitter @…", "Follow AP on Facebook, X…") starting a sentence of a short block;
  // a closing paragraph's "you might also want to follow me on …" is the author's own text.
  /(^|[.!?]\s+)follow\b[^.!?]{0,60}?\bon (twitter|facebook|instagram|linkedin|youtube|tiktok|pinterest|x|threads|bluesky|social media|google news)\b/i,
  // A related story's title after its lead-in ("Le puede interesar: …", "Lesen Sie auch: …").
  /^(le puede interesar|te puede interesar|lea también|lee también|lesen sie auch|lies auch|read (more|also)|see also|à lire aussi|lire aussi|zobacz (również|też|także)|czytaj (również|też|także)|xem thêm|đọc thêm)\s*:\s*\S/i,
  // Source and provenance lines ("Quelle: Landesregierung", "ERSCHIENEN IN", "Permalink …").
  /^(quellen?|source|sources|fuente|fuentes|fonte|źródło|nguồn|originalartikel|original article|erschienen in|first published (in|on)|publié dans|publicado (en|originalmente))\s*(:.{0,100})?$|^perma(link|lien)\b|\bcategory\s*:\s*press releases?$|^quellen (ausblenden|anzeigen)$/i,
  // A credit after a copyright sign ending a short caption ("… © AFP / MARCO BERTORELLO").
  /©\s*[^.!?©]{2,40}$/,
  // Author-box headings.
  /^(über den autor|über die autorin|zum autor|zur autorin|about the author|sobre el autor|à propos de l'auteur|o autorze|von|by|verfasst von)\s*:?$/i,
  // Disclaimers and advertising labels.
  /^\(?(alle angaben ohne gewähr|ohne gewähr|anzeige|werbung|advertisement|advert|sponsored( links?)?|ads by google|publicidad|reklama)\)?([,:]\s.{0,40})?$|gibt die meinung des autors wieder|does not necessarily reflect|contains references to products from|may receive compensation when you click/i,
  // An affiliate disclosure: this page or post contains or uses affiliate links, or the site earns a
  // commission on what readers buy through them ("This post may contain affiliate links", "We use
  // income earning auto affiliate links", "In diesem Artikel sind Affiliate-Links enthalten").
  // A story's sentence about affiliate marketing ("implement affiliate links, UTM tracking…",
  // "Streamers earn a commission … via affiliate links") names no page of its own and no "we".
  AFFILIATE_DISCLOSURE,
  // Privacy notices standing in for an embedded post.
  /\b(privatsphäre|datenschutz|privacy)\b.{0,80}\b(einverständnis|einwilligung|consent|zustimmung)\b/i,
  // Numbered figure captions left in the text ("Abbildung 4: …", "Fig. 2: …").
  /^(abbildung|abb\.|figure|fig\.|grafik|tabelle|table|hình)\s*\d+\s*:/i,
  // A reading-time stamp ("5 min read", "Reading time: 5 minutes", "Tempo de leitura: 2 minutos");
  // a bare "139 min" is a running time or a duration, kept.
  /^((reading|read) time|lesezeit|lesedauer|tempo de leitura|temps de lecture|tiempo de lectura|thời gian đọc)\s*:?\s*\d{1,3}\s*(min|mins|minutes?|minuten|minutos|phút)\.?$|^\d{1,3}\s*(min|mins|minutes?|minuten|minutos|phút)\.?\s+(read|reading|lesezeit|de lectura|de leitura|de lecture|đọc)$/i,
  // A slideshow's counter ("Image 1 of 4", "1 of 6", "Bild 1 von 9"); not "4/5" (a rating, a quantity).
  /^((image|photo|picture|slide|foto|bild|ảnh)\s+)?\d{1,3}\s+(of|von|de|sur|trên)\s+(\/\s*)?\d{1,3}$/i,
  // An article's tool bar: print, e-mail, share, text size.
  ARTICLE_TOOLS_LINE,
  // A control's label: see more or less, show the caption, play the video.
  CONTROL_LABEL_LINE,
  // A newsletter's or a print issue's promotion, ad and picture notes, reuse and citation notes.
  NEWSLETTER_PROMO_HEADING,
  NEWSLETTER_PROMO_LINE,
  PRINT_ISSUE_LINE,
  PAGE_NOTE_LINE,
  DOCUMENT_NOTE_LINE,
  // Comment-form prompts, headings and counters ("Leave a comment", "3 comments"), page stamps.
  /^(kommentare insgesamt|comments?|kommentare?|komentarze)\s*:\s*\d+$|^(\d+\s*)?(comments?|kommentare?|komentarze|commentaires?|comentarios?)$|^(leave a (comment|reply)|post a comment|tell us what you think|have your say|schreibe einen kommentar|laisser un commentaire|deja un comentario)\b.{0,20}$|eingeloggt sein,? um (einen )?kommentare? zu schreiben|must be logged in to (post a )?comment|\blast modified\s*:/i,
];

/**
 * Names of the placeholders consent managers put where an embedded post, video or map waits for
 * the reader's consent: Sourcepoint's `sourcepoint__social-placeholder`, Borlabs' content blocker
 * (`_brlbs-content-blocker`, `brlbs-cmpnt-container`), Usercentrics' `uc-embedding-container`,
 * Didomi's, Cookiebot's `cookieconsent-optin-marketing`, OneTrust's and generic `content-blocker`s.
 */
export const CONSENT_PLACEHOLDER_NAMES =
  /sourcepoint|_?brlbs-(content-blocker|cmpnt)|borlabs|usercentrics|uc-embedding|didomi|cookiebot|cookieconsent-opt(in|out)|onetrust|content-?blocker|consent-?placeholder/i;

/** A byline's opening word ("By Jane Doe", "Von …", "Par …"): what follows a title is its author. */
export const BYLINE_OPENING = /^(by|von|par|por|door|di|af|av)\b/i;

/**
 * Notices whose wording is their own and that run longer than a line of furniture: an embed's consent
 * placeholder and a cookie notice, matched on a block of up to NOTICE_LINE_CHARS (a consent text with
 * its legal basis runs to several hundred characters).
 */
export const NOTICE_LINES: LineRule[] = [EMBED_CONSENT_HEADING, EMBED_CONSENT_LINE, COOKIE_NOTICE_LINE];
export const NOTICE_LINE_CHARS = 800;

/** Longer blocks are prose that may mention these words, not furniture. */
export const BOILERPLATE_LINE_CHARS = 260;

/** An inline style hiding the element from every reader (`display: none`). */
export const STYLE_HIDDEN = /(^|;)\s*display\s*:\s*none\b/i;
/**
 * Names of the text a reader opens in place (an accordion's or a collapsed section's panel, a FAQ's
 * answer) or a script reveals (a paywalled body): hidden by an inline style, still the page's content.
 */
export const DISCLOSURE_NAMES = /collaps|accordion|expand|faq|answer|(^|[\s_-])content([\s_-]|$)/i;

/**
 * React's streamed server rendering: the script call that moves a streamed part into its placeholder
 * (`$RC("B:0","S:0")`, `$RS("S:1","P:1")`), and the longest text of an element taken as a boundary's
 * loading skeleton ("Loading paragraph...").
 */
export const STREAM_CALL = /\$R[CS]\(\s*"([BPS]:[0-9a-f]+)"\s*,\s*"([BPS]:[0-9a-f]+)"/g;
export const MAX_FALLBACK_CHARS = 100;

/**
 * The edges of the story checked against the second opinion (`trimEdges`): a line at the start or end
 * of our body that Readability's copy of the same container does not keep is furniture (a byline with
 * its date, a "Created:"/"Updated:" stamp, a category or tag line, a "PDF:" link, a list of related
 * headlines) when it is short and no sentence: at most this many words, ending without a sentence's
 * closing mark. The copies are the same container when this share of our lines is in Readability's.
 */
export const EDGE_LINE_MAX_WORDS = 8;
export const EDGE_SHARED_SHARE = 0.5;
/** How a sentence (or a line introducing what follows) ends: its closing mark, then closing quotes or brackets. */
export const SENTENCE_END = /[.!?…:;]["'”’»)\]]*\s*$|["”»)]\s*$/;

/**
 * Whether Readability is worth asking about the story's edges (`edgeMayFall`, thirty-eighth pass):
 * Readability drops a line only when it lies outside its top candidate (the element holding the
 * story's paragraphs) or under an element its cleaning removes. A short edge line is kept without
 * asking when it sits inside the parent of the story's nearest paragraph and nothing between marks
 * it: none of these tags, no class/id Readability reads as unlikely, negative, byline or sharing,
 * none of these attributes, and no link unless its block is a paragraph.
 */
export const EDGE_RISK_TAGS = new Set([
  'footer',
  'aside',
  'form',
  'fieldset',
  'nav',
  'header',
  'h1',
  'h2',
  'iframe',
  'button',
  'select',
  'textarea',
  'input',
  'table',
  'ul',
  'ol',
  'menu',
]);
export const EDGE_RISK_NAMES =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|agegate|pagination|pager|popup|hidden|^hid$| hid$| hid |^hid |com-|contact|masthead|media|meta|outbrain|promo|scroll|share|shopping|tags|widget|byline|author|dateline|writtenby/i;
export const EDGE_RISK_ATTRIBUTES = /^(rel|itemprop|role|hidden|aria-hidden|style)$/;
export const EDGE_RISK_ATTRIBUTE_VALUES = /author|menu|navigation|complementary|alert|dialog|true|hidden|none|^$/i;
/** Elements that hold a line as its block (the line's paragraph, heading, item or cell). */
export const EDGE_BLOCK_TAGS = new Set([
  'p',
  'div',
  'li',
  ...HEADING_TAGS,
  'td',
  'th',
  'dd',
  'dt',
  'blockquote',
  'section',
  'article',
  'pre',
  'figure',
  'figcaption',
  'address',
  'center',
]);
/**
 * Readability's cost grows faster than the HTML it reads (on the 990 set the largest fifth of its
 * inputs took three fifths of its time): the edges of a container larger than this (serialized HTML
 * characters) are not checked (thirty-eighth pass).
 */
export const EDGE_CONTAINER_MAX_CHARS = 40_000;
