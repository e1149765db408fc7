require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto"];
if spamtest :value "le" :comparator "i;ascii-numeric" "2" { fileinto "Clean"; }
