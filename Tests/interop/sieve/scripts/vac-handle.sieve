require "vacation";
vacation :handle "holiday-2025" :subject "Holiday" "On holiday.";
