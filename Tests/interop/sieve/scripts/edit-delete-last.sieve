require ["editheader"];
deleteheader :index 1 :last "received";
if header :contains "received" "laptop" { discard; }
