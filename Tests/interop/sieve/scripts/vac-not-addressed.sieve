# to: nobody@example.com
require "vacation";
vacation :subject "Away" "Away.";
