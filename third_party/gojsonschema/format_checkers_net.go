//go:build !wasm

package gojsonschema

import (
	"net"
	"net/mail"
	"strings"
)

// The checkers that need package net, which js/wasm builds leave out
// (see PATCHES.md).
func init() {
	FormatCheckers.formatters["email"] = EmailFormatChecker{}
	FormatCheckers.formatters["idn-email"] = EmailFormatChecker{}
	FormatCheckers.formatters["ipv4"] = IPV4FormatChecker{}
	FormatCheckers.formatters["ipv6"] = IPV6FormatChecker{}
}

// IsFormat checks if input is a correctly formatted e-mail address
func (f EmailFormatChecker) IsFormat(input interface{}) bool {
	asString, ok := input.(string)
	if !ok {
		return false
	}

	_, err := mail.ParseAddress(asString)
	return err == nil
}

// IsFormat checks if input is a correctly formatted IPv4-address
func (f IPV4FormatChecker) IsFormat(input interface{}) bool {
	asString, ok := input.(string)
	if !ok {
		return false
	}

	// Credit: https://github.com/asaskevich/govalidator
	ip := net.ParseIP(asString)
	return ip != nil && strings.Contains(asString, ".")
}

// IsFormat checks if input is a correctly formatted IPv6=address
func (f IPV6FormatChecker) IsFormat(input interface{}) bool {
	asString, ok := input.(string)
	if !ok {
		return false
	}

	// Credit: https://github.com/asaskevich/govalidator
	ip := net.ParseIP(asString)
	return ip != nil && strings.Contains(asString, ":")
}
