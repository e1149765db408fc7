if header :is "subject" "Meeting tomorrow about the budget" { discard; }
