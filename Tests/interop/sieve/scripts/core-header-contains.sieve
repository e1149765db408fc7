if header :contains "subject" "budget" { discard; }
