require "index";
if address :index 2 :is "to" "other@example.net" { discard; }
