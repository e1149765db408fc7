require "body";
if body :content "multipart" :contains "multi-part message" { discard; }
