require ["body", "relational"];
if body :value "gt" :raw "Z" { discard; }
