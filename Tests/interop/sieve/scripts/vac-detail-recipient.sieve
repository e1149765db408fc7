# to: me+work@example.com
require "vacation";
vacation :subject "Away" "Away.";
