require "index";
if header :index 5 :matches "x-priority" "*" { discard; }
