require "index";
if header :index 1 :last :is "received" "x" { discard; }
if header :index 1 :last :contains "received" "laptop" { redirect "x@example.com"; }
