require ["include"];
include :global "spamfilter";
