if allof (exists "from", header :contains "subject" "budget") { discard; }
