/// The built-in weight table (format: `WeightTable`). The section between the FITTED
/// markers is written by `bench/fit-weights --write`; the rest is set by hand.
public enum DefaultWeights {
    public static let text = #"""
# External symbols (set by hand: the development corpus cannot measure them).
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
score DMARC_PASS          -1.0
score DMARC_FAIL_REJECT    5.0
score DMARC_FAIL_QUARANTINE 3.0
score DMARC_FAIL_NONE      1.0
score DMARC_NONE           0.2
score ARC_PASS            -0.5
score ARC_FAIL             0.5
score ARC_NONE             0
score RBL_LISTED           4.0
score URIBL_LISTED         4.0
score FILTER_ALLOW       -100
score FILTER_BLOCK        100
# FITTED BEGIN
# FITTED END
"""#
}
