if address :is ["to", "cc"] "me@example.com" { discard; }
