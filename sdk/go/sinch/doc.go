// Sinch Voice as infrastructure: which phone number belongs to which Voice application, and where each application's callbacks go.
package sinch
