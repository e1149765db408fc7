require "body";
if body :content "application" :contains "secret pdf" { discard; }
