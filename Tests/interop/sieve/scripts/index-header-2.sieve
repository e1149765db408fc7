require "index";
if header :index 2 :is "x-priority" "1" { discard; }
