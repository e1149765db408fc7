require "vacation";
vacation :days 3 :subject "Out of office" "Back on Monday.";
