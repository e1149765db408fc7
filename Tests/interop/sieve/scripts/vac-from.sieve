require "vacation";
vacation :from "me@example.com" :subject "Away" "Away.";
