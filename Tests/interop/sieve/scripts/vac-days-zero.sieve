require "vacation";
vacation :days 0 :subject "Zero" "zero days";
