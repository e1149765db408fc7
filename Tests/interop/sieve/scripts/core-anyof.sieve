if anyof (header :contains "subject" "release", address :domain :is "from" "lottery.test") { discard; }
