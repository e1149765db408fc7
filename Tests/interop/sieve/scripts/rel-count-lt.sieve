require ["relational", "comparator-i;ascii-numeric"];
if address :count "lt" :comparator "i;ascii-numeric" "to" "2" { discard; }
