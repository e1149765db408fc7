require "vacation";
if not exists "list-id" { vacation :subject "Away" "Away."; }
