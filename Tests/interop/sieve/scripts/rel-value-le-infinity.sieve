require ["relational", "comparator-i;ascii-numeric"];
if header :value "le" :comparator "i;ascii-numeric" "subject" "99999" { discard; }
