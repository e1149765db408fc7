require ["editheader", "relational", "comparator-i;ascii-numeric"];
deleteheader "received";
if exists "received" { discard; }
