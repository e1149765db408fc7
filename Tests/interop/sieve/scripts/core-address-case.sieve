if address :domain :is "from" "EXAMPLE.ORG" { discard; }
