require "vacation-seconds";
vacation :seconds 3600 :subject "Back in an hour" "Back soon.";
