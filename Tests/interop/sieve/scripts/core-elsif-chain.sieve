if header :is "subject" "a" { discard; }
elsif header :is "subject" "b" { discard; }
elsif address :domain :is "from" "example.fr" { redirect "fr@example.com"; }
else { keep; }
