if address "from" "bob+lists@example.net" { discard; }
