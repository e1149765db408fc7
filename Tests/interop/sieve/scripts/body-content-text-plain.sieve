require "body";
if body :content "text/plain" :contains "chiffres" { redirect "fr@example.com"; }
