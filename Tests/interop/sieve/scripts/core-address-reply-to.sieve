if address :domain :is "reply-to" "example.org" { discard; }
