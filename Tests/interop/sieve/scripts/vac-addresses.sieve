# to: private@example.com
require "vacation";
vacation :addresses ["me@example.com", "team@example.com"] :subject "Away" "Away.";
