require ["editheader", "relational", "comparator-i;ascii-numeric"];
deleteheader :index 1 "x-priority";
if header :is "x-priority" "1" { discard; }
