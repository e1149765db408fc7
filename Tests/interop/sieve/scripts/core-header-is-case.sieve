if header :is "SUBJECT" "meeting TOMORROW about the budget" { discard; }
