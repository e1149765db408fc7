require "vacation";
vacation :subject "Away" "Away.";
discard;
