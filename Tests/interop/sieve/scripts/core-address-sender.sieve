if address :contains "sender" "assistant" { discard; }
