if address :is "bcc" "me@example.com" { discard; }
