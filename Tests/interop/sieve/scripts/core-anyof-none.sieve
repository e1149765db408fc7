if anyof (false, header :is "subject" "nothing") { discard; }
