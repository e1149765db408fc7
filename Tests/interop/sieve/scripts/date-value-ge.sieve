require ["date", "relational"];
if date :value "ge" :zone "+0000" "date" "date" "2025-04-01" { discard; }
