if address :is "resent-from" "carol@example.com" { discard; }
