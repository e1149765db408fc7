require "vacation";
vacation :subject "One" "one";
vacation :subject "Two" "two";
