/// The built-in heuristic rules. The format is documented in `RuleFile`; weights are in
/// `DefaultWeights` (fitted by `bench/fit-weights`). Rules describe what spam of any
/// year does — hiding text, shouting, selling, hiding who sent it — not what one corpus
/// happens to contain.
public enum DefaultRules {
    public static func compiled() throws(RuleFileError) -> RuleSet {
        try RuleFile.compile(text)
    }

    public static let text = #"""
# Postino antispam rules. One declaration per line:
#   header   NAME Field =~ /regex/flags   (Field ALL = every header field; !~ = exists, no match)
#   missing  NAME Field
#   body     NAME /regex/flags            visible text (plain + HTML text)
#   rawbody  NAME /regex/flags            text parts before HTML is stripped
#   uri      NAME /regex/flags            each URL of the text and the HTML links
#   test     NAME function [number]       built-in tests (see BuiltInTest)
#   meta     NAME expression              ! && || ( ) over rules defined above
#   describe NAME text
# Flags: i m s. Names starting with __ are helpers for metas: they never show or score.
# Weights: DefaultWeights (score NAME weight).

# --- Header: identity and form ---------------------------------------------------
missing  MISSING_MESSAGE_ID   Message-ID
describe MISSING_MESSAGE_ID   No Message-ID field
missing  MISSING_DATE         Date
describe MISSING_DATE         No Date field
test     MALFORMED_DATE       malformed_date
describe MALFORMED_DATE       Date without a numeric time zone
test     MALFORMED_MSGID      malformed_message_id
describe MALFORMED_MSGID      Message-ID without brackets or @
missing  MISSING_TO           To
describe MISSING_TO           No To field
header   TO_UNDISCLOSED       To =~ /undisclosed|recipient list not shown|^\s*$/i
describe TO_UNDISCLOSED       To hides the recipients
test     FROM_NO_NAME         from_no_name
describe FROM_NO_NAME         From has no display name
test     FROM_EQUALS_TO       from_equals_to
describe FROM_EQUALS_TO       From and To are the same address
header   FROM_NUMERIC_LOCAL   From =~ /[a-z]*\d{4,}[a-z]*@/i
describe FROM_NUMERIC_LOCAL   From address with a long number
header   FROM_FREEMAIL        From =~ /@(yahoo|hotmail|msn|aol|gmail|outlook|mail\.ru|yandex|excite|lycos|netscape)\./i
describe FROM_FREEMAIL        From a free mail provider
test     REPLY_TO_OTHER_DOMAIN reply_to_other_domain
describe REPLY_TO_OTHER_DOMAIN Replies go to another domain than From
test     MANY_RECIPIENTS      many_recipients 20
describe MANY_RECIPIENTS      More than 20 recipients in To and Cc
header   REPLY_HEADERS        ALL =~ /^(In-Reply-To|References):/mi
describe REPLY_HEADERS        Part of a conversation (In-Reply-To or References)
header   MAILING_LIST         ALL =~ /^List-(Id|Post):/mi
describe MAILING_LIST         Sent through a mailing list manager
header   MUA_KNOWN            ALL =~ /^(User-Agent|X-Mailer):.*(Mutt|Thunderbird|Evolution|Pine|Alpine|Gnus|KMail|Sylpheed|Claws|Apple Mail|Outlook|Roundcube|Mozilla)/mi
describe MUA_KNOWN            Written with a known mail program
header   XMAILER_BULK         ALL =~ /^X-Mailer:.*(mass|bulk|group mail|atlas|send|worldmerge|campaign|list ?builder)/mi
describe XMAILER_BULK         X-Mailer of a mass mailing program
header   PRIORITY_HIGH        ALL =~ /^(X-Priority:\s*1|X-MSMail-Priority:\s*High|Importance:\s*high)/mi
describe PRIORITY_HIGH        Marked urgent
header   RCVD_NUMERIC_HELO    Received =~ /^from\s+\[?\d+\.\d+\.\d+\.\d+\]?\s/i
describe RCVD_NUMERIC_HELO    A relay greeted with a bare IP address
header   RCVD_UNKNOWN_HOST    Received =~ /\(unknown \[|from unknown /i
describe RCVD_UNKNOWN_HOST    A relay without reverse DNS
header   CTYPE_NO_CHARSET_HTML Content-Type =~ /^text\/html\s*$/i
describe CTYPE_NO_CHARSET_HTML HTML body without a charset

# --- Subject ----------------------------------------------------------------------
test     SUBJ_ALL_CAPS        subject_caps_ratio 0.75
describe SUBJ_ALL_CAPS        Subject mostly in capitals
test     SUBJ_EXCLAIM         subject_exclamations 2
describe SUBJ_EXCLAIM         Several ! in the Subject
header   SUBJ_MONEY           Subject =~ /[$€£]\s?\d|\d+\s?(%|percent)\s+off|\bfree\b|\bcash\b|\bearn\b|\bincome\b|\bloan|\bmortgage|\bdebt\b|\bcredit\b/i
describe SUBJ_MONEY           Subject about money or free things
header   SUBJ_URGENT          Subject =~ /\b(urgent|act now|limited time|last chance|expires?|don'?t miss|today only|final notice)\b/i
describe SUBJ_URGENT          Subject pushes to act now
header   SUBJ_TRAILING_ID     Subject =~ /[\s\(\[#-](?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,}[\)\]]?\s*$/i
describe SUBJ_TRAILING_ID     Subject ends with a tracking code
header   __SUBJ_RE            Subject =~ /^\s*(re|fwd?):/i
meta     SUBJ_RE_NO_REFS      __SUBJ_RE && !REPLY_HEADERS
describe SUBJ_RE_NO_REFS      "Re:" without being a reply
test     SUBJ_ENCODED_ASCII   needlessly_encoded_subject
describe SUBJ_ENCODED_ASCII   ASCII Subject hidden in RFC 2047 encoding
header   SUBJ_ADULT           Subject =~ /\b(sex|xxx|porn|viagra|cialis|pills?|erection|enlarge|horny|nude|naked|dating)\b/i
describe SUBJ_ADULT           Subject about sex or pills

# --- Body: selling, urging, hiding ---------------------------------------------------
body     BODY_CLICK_HERE      /\bclick (here|below|now|the link)\b/i
describe BODY_CLICK_HERE      Asks to click
body     BODY_REMOVE_ME       /\b(to (be )?remove(d)? (yourself|your (e-?mail|name|address))|remove in the subject|unsubscribe from (this|our) (list|mailing)|to (opt|be taken) off|reply with .?remove)/i
describe BODY_REMOVE_ME       Mass mailing removal instructions
body     BODY_NOT_SPAM        /\b(this (is not|isn'?t) (a )?spam|not unsolicited|you (have )?(opted|signed up|agreed) (in|to receive)|you are receiving this (e-?mail|message) because)/i
describe BODY_NOT_SPAM        Claims not to be spam, or an opt-in it cannot prove
body     BODY_MONEY_BACK      /\b(money.?back|risk.?free|no (obligation|cost|fees?|risk)|satisfaction guaranteed|100% (free|guaranteed|satisfied))\b/i
describe BODY_MONEY_BACK      Guarantees and no-risk promises
body     BODY_ACT_NOW         /\b(act now|order now|call now|limited (time|offer)|while supplies last|don'?t (delay|wait)|apply (now|online)|offer expires|only \d+ (left|days))\b/i
describe BODY_ACT_NOW         Pushes to act now
body     BODY_EARN_MONEY      /\b(make|earn) (\$|money|cash|up to|over)|\b(work|working) (from|at) home\b|\bextra income\b|\bfinancial freedom\b|\bbe your own boss\b|\bmulti.?level marketing\b/i
describe BODY_EARN_MONEY      Make money fast
body     BODY_DOLLARS_BIG     /[$€£]\s?\d{1,3}(,\d{3})+|\b\d+(,\d{3})+ (dollars|usd|euros)\b|\bmillions? (dollars|usd|euros)\b/i
describe BODY_DOLLARS_BIG     Large amounts of money
body     BODY_LOTTERY_419     /\b(lottery|beneficiary|next of kin|inheritance|deceased|transfer of (the )?funds|bank account|barrister|diplomat|consignment|claim your (prize|winnings))\b/i
describe BODY_LOTTERY_419     Lottery or advance-fee fraud words
body     BODY_CREDIT_LOAN     /\b(mortgage|refinanc\w*|debt consolidation|credit (card|report|score|repair)|low (interest|rates?)|pre-?approved|lowest rates?)\b/i
describe BODY_CREDIT_LOAN     Loans and credit offers
body     BODY_PHARMA          /\b(viagra|cialis|levitra|pharmacy|prescription|weight loss|lose weight|diet pills?|herbal|hgh|phentermine|xanax|valium)\b/i
describe BODY_PHARMA          Pills and weight loss
body     BODY_ADULT           /\b(xxx|porn|hardcore|adult (site|content|entertainment)|hot (girls|teens)|live (sex|cams?))\b/i
describe BODY_ADULT           Adult content
body     BODY_DEAR_FRIEND     /^\s*(dear (friend|sir|madam|sir\/madam|valued (customer|member)|account holder|user|beneficiary)|greetings)\b/mi
describe BODY_DEAR_FRIEND     Greets nobody in particular
body     BODY_FREE_OFFER      /\b(free (gift|trial|offer|quote|info|information|access|membership|consultation|sample)|for free|absolutely free|100% free|special (offer|promotion)|exclusive (offer|deal))\b/i
describe BODY_FREE_OFFER      Free offers
body     BODY_ORDER_FORM      /\b(order (form|today|online)|credit card (number|orders)|shipping and handling|toll.?free|fax (back|order)|(call|dial) (toll free|1-?8[0-9]{2}))\b/i
describe BODY_ORDER_FORM      Order forms, toll-free numbers
body     BODY_SUBSCRIBED      /\b(mailing list|newsletter|subscri(be|ption)|opt.?(in|out)|unsubscribe)\b/i
describe BODY_SUBSCRIBED      Talks about lists and subscriptions
body     BODY_VERIFY_ACCOUNT  /\b(verify your (account|identity|password)|account (has been )?(suspended|locked|limited)|confirm your (account|identity|password|details)|update your (billing|payment) (info|details))\b/i
describe BODY_VERIFY_ACCOUNT  Phishing for credentials
body     BODY_CRYPTO_INVEST   /\b(investment opportunity|stock (pick|alert|tip)|hot stock|penny stock|guaranteed returns?|bitcoin|crypto ?currency|forex|profit (of|up to)|roi of)\b/i
describe BODY_CRYPTO_INVEST   Investment pitches
body     BODY_SHOUTING_WORDS  /\b[A-Z]{4,}( [A-Z]{2,}){4,}\b/
describe BODY_SHOUTING_WORDS  Sentences in capitals
body     BODY_MANY_EXCLAIM    /!{3,}/
describe BODY_MANY_EXCLAIM    !!! in the text
body     BODY_QUOTED_REPLY    /^(>|\|)[^\n]*\n(>|\|)/m
describe BODY_QUOTED_REPLY    Quotes an earlier message
body     BODY_SIGNATURE_DASH  /^-- ?$/m
describe BODY_SIGNATURE_DASH  Has a signature separator
body     BODY_CODE_OR_PATCH   /^(diff |\+\+\+ |--- a\/|@@ -\d)|\b(int|void|return|def|import|include)\b.*[;{}]/m
describe BODY_CODE_OR_PATCH   Contains code or a patch
test     BODY_ALL_CAPS        body_caps_ratio 0.5
describe BODY_ALL_CAPS        Text mostly in capitals
test     BODY_NON_ASCII       non_ascii_ratio 0.3
describe BODY_NON_ASCII       Text mostly outside ASCII
test     BODY_FEW_WORDS       few_words 20
describe BODY_FEW_WORDS       Almost no text
test     BODY_NO_TEXT         no_text
describe BODY_NO_TEXT         No text at all

# --- HTML ----------------------------------------------------------------------------
test     HTML_ONLY            html_only
describe HTML_ONLY            HTML without a text alternative
test     HTML_LITTLE_TEXT     html_text_ratio_below 0.2
describe HTML_LITTLE_TEXT     HTML that is mostly markup
test     HTML_IMAGE_ONLY      images_with_little_text 40
describe HTML_IMAGE_ONLY      Images with little text
test     HTML_HIDDEN_TEXT     hidden_text 20
describe HTML_HIDDEN_TEXT     Text styled invisible
test     HTML_FORM            html_form
describe HTML_FORM            A form in the message
test     HTML_ALT_MISMATCH    alternative_mismatch 0.3
describe HTML_ALT_MISMATCH    HTML and text alternatives say different things
rawbody  HTML_FONT_COLOR      /<font[^>]+color=/i
describe HTML_FONT_COLOR      Coloured fonts
rawbody  HTML_FONT_BIG        /<font[^>]+size=["']?\+?[4-7]/i
describe HTML_FONT_BIG        Very big fonts
rawbody  HTML_CENTER          /<center>|align=["']?center/i
describe HTML_CENTER          Centred layout
rawbody  HTML_TABLE_LAYOUT    /<table[^>]*(bgcolor|background)=/i
describe HTML_TABLE_LAYOUT    Coloured table layout
rawbody  HTML_SCRIPT          /<script|javascript:|onload=/i
describe HTML_SCRIPT          Scripts in the HTML
rawbody  HTML_OBFUSCATED      /&#\d{2,3};&#\d{2,3};&#\d{2,3};|%[0-9a-f]{2}%[0-9a-f]{2}%[0-9a-f]{2}/i
describe HTML_OBFUSCATED      Text or links hidden with character references

# --- URLs ----------------------------------------------------------------------------
test     URI_NUMERIC_HOST     url_numeric_host
describe URI_NUMERIC_HOST     Link to a bare IP address
test     URI_MANY             url_count_above 10
describe URI_MANY             More than 10 links
uri      URI_USERINFO         /^[a-z]+:\/\/[^\/]*@/i
describe URI_USERINFO         Link hiding its host behind user@
uri      URI_SHORTENER        /^https?:\/\/(www\.)?(bit\.ly|tinyurl\.com|goo\.gl|ow\.ly|t\.co|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly)\//i
describe URI_SHORTENER        Link through a URL shortener
uri      URI_ODD_PORT         /^https?:\/\/[^\/]+:\d{2,5}(\/|$)/i
describe URI_ODD_PORT         Link to a web server on an odd port
uri      URI_TRACKING_PATH    /\.(php|asp|cgi|pl)\?[^ ]*(id|ref|uid|track|email|user)=/i
describe URI_TRACKING_PATH    Link that carries a tracking parameter
uri      URI_REMOVE           /(remove|unsub|optout|opt-out)/i
describe URI_REMOVE           Removal link
uri      URI_FREE_HOSTING     /^https?:\/\/[^\/]*(geocities|angelfire|tripod|freeservers|000webhost|weebly|wixsite|blogspot|sites\.google)\./i
describe URI_FREE_HOSTING     Link to free web hosting
uri      URI_MAILTO           /^mailto:/i
describe URI_MAILTO           mailto: link

# --- MIME structure --------------------------------------------------------------------
test     MIME_DEFECTS         mime_defects
describe MIME_DEFECTS         Broken MIME structure
test     MIME_BASE64_TEXT     base64_text
describe MIME_BASE64_TEXT     Text sent in base64
test     MIME_EXECUTABLE      executable_attachment
describe MIME_EXECUTABLE      Attachment that runs code
header   MIME_CHARSET_FAREAST Content-Type =~ /charset="?(gb2312|gbk|big5|euc-kr|ks_c_5601|iso-2022-jp|shift_jis|koi8-r|windows-1251)/i
describe MIME_CHARSET_FAREAST Written in a charset for another script
header   __HAS_CTYPE          Content-Type =~ /./
header   __HAS_MIME_VERSION   ALL =~ /^MIME-Version:/mi
meta     MIME_MISSING_VERSION __HAS_CTYPE && !__HAS_MIME_VERSION
describe MIME_MISSING_VERSION Content-Type without MIME-Version
"""#
}
