require ["date", "relational"];
if currentdate :value "le" "weekday" "6" { discard; }
