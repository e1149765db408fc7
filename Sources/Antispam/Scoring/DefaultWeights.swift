/// The built-in weight table (format: `WeightTable`). The section between the FITTED
/// markers is written by `bench/fit-weights --write`; the rest is set by hand.
public enum DefaultWeights {
    public static let text = #"""
# External symbols (set by hand: the development corpus cannot measure them). The
# SPF/DKIM/DMARC/ARC names are MailAuth's (`InboundAuthenticationReport.symbols`).
score SPF_PASS            -0.5
score SPF_FAIL             2.0
score SPF_SOFTFAIL         1.0
score SPF_NEUTRAL          0.3
score SPF_NONE             0.3
score SPF_TEMPERROR        0
score SPF_PERMERROR        0.5
score DKIM_VALID          -0.5
score DKIM_INVALID         1.0
score DKIM_NONE            0.3
score DKIM_TEMPERROR       0
score DKIM_PERMERROR       0.3
score DKIM_NEUTRAL         0.2
score DKIM_UNSIGNED_CONTENT 0.5
score DMARC_PASS          -1.0
score DMARC_REJECT         5.0
score DMARC_QUARANTINE     3.0
score DMARC_NONE_POLICY_FAIL 1.0
score DMARC_NONE           0.2
score DMARC_TEMPERROR      0
score DMARC_PERMERROR      0.3
score ARC_PASS            -0.5
score ARC_FAIL             0.5
score ARC_NONE             0
score RBL_LISTED           4.0
score URIBL_LISTED         4.0
score FILTER_ALLOW       -100
score FILTER_BLOCK        100
# FITTED BEGIN (bench/fit-weights --write)
score BAYES_EVIDENCE           15.03
score BAYES_OFFSET             -2.49
score BODY_ACT_NOW             0.76 0.76
score BODY_ADULT               0.00 0.00
score BODY_ALL_CAPS            0.18 0.18
score BODY_CLICK_HERE          0.00 0.78
score BODY_CODE_OR_PATCH       0.00 -0.19
score BODY_CREDIT_LOAN         0.00 0.51
score BODY_CRYPTO_INVEST       0.00 0.05
score BODY_DEAR_FRIEND         0.00 0.87
score BODY_DOLLARS_BIG         0.32 0.87
score BODY_EARN_MONEY          0.27 0.75
score BODY_FEW_WORDS           0.11 0.44
score BODY_FREE_OFFER          0.17 0.00
score BODY_LOTTERY_419         0.37 0.58
score BODY_MANY_EXCLAIM        1.95 1.18
score BODY_MONEY_BACK          0.00 1.48
score BODY_NON_ASCII           0.00 0.47
score BODY_NOT_SPAM            0.00 0.48
score BODY_NO_TEXT             0.10 0.30
score BODY_ORDER_FORM          0.58 0.81
score BODY_PHARMA              0.55 0.59
score BODY_QUOTED_REPLY        -0.34 -2.60
score BODY_REMOVE_ME           0.00 1.09
score BODY_SHOUTING_WORDS      0.00 0.67
score BODY_SIGNATURE_DASH      0.00 -0.98
score BODY_SUBSCRIBED          0.00 0.00
score BODY_VERIFY_ACCOUNT      0.00 0.00
score CTYPE_NO_CHARSET_HTML    0.00 0.30
score FROM_EQUALS_TO           0.68 0.24
score FROM_FREEMAIL            0.81 1.79
score FROM_NO_NAME             1.30 1.43
score FROM_NUMERIC_LOCAL       1.52 1.01
score HTML_ALT_MISMATCH        0.00 0.00
score HTML_CENTER              0.00 0.16
score HTML_FONT_BIG            0.33 1.39
score HTML_FONT_COLOR          0.00 0.43
score HTML_FORM                0.00 0.00
score HTML_HIDDEN_TEXT         0.00 0.00
score HTML_IMAGE_ONLY          0.10 0.59
score HTML_LITTLE_TEXT         0.00 0.00
score HTML_OBFUSCATED          0.02 0.00
score HTML_ONLY                0.43 0.85
score HTML_SCRIPT              0.00 0.00
score HTML_TABLE_LAYOUT        0.00 0.00
score MAILING_LIST             0.00 -2.86
score MALFORMED_DATE           0.00 0.89
score MALFORMED_MSGID          0.45 0.25
score MANY_RECIPIENTS          0.09 0.32
score MIME_BASE64_TEXT         0.00 0.53
score MIME_CHARSET_FAREAST     0.12 0.30
score MIME_DEFECTS             0.11 0.30
score MIME_EXECUTABLE          0.00 0.00
score MIME_MISSING_VERSION     1.18 0.00
score MISSING_DATE             0.00 0.00
score MISSING_MESSAGE_ID       0.00 0.00
score MISSING_TO               0.00 0.00
score MUA_KNOWN                -0.09 -0.36
score PRIORITY_HIGH            0.41 0.73
score RCVD_NUMERIC_HELO        1.21 0.00
score RCVD_UNKNOWN_HOST        0.05 0.61
score REPLY_HEADERS            -0.30 -3.05
score REPLY_TO_OTHER_DOMAIN    0.00 0.00
score SUBJ_ADULT               0.08 0.24
score SUBJ_ALL_CAPS            0.26 1.07
score SUBJ_ENCODED_ASCII       0.00 0.00
score SUBJ_EXCLAIM             0.34 0.65
score SUBJ_MONEY               0.86 1.36
score SUBJ_RE_NO_REFS          0.00 0.00
score SUBJ_TRAILING_ID         0.08 0.30
score SUBJ_URGENT              0.06 0.20
score TO_UNDISCLOSED           0.00 0.86
score URI_FREE_HOSTING         0.00 0.00
score URI_MAILTO               0.00 0.00
score URI_MANY                 0.00 0.00
score URI_NUMERIC_HOST         1.07 1.55
score URI_ODD_PORT             0.00 0.00
score URI_REMOVE               0.00 1.56
score URI_SHORTENER            0.00 0.00
score URI_TRACKING_PATH        0.00 0.00
score URI_USERINFO             0.10 0.30
score XMAILER_BULK             0.00 0.20
# FITTED END
"""#
}
