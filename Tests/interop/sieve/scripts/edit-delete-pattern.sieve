require ["editheader"];
deleteheader :contains "x-priority" "3";
if header :is "x-priority" "3" { redirect "x@example.com"; }
