#!/usr/bin/perl
# Writes a tiny GeoIP2-City database for the tests: perl write-test-mmdb.pl OUT.mmdb
use strict;
use warnings;
use utf8; # the names below are characters, written as UTF-8 strings
use MaxMind::DB::Writer::Tree;

my %types = (
    city => 'map', country => 'map', subdivisions => ['array', 'map'], names => 'map',
    en => 'utf8_string', iso_code => 'utf8_string', geoname_id => 'uint32',
);
my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version => 6, record_size => 24, database_type => 'GeoIP2-City', languages => ['en'],
    description => { en => 'QrAspire test database' }, map_key_type_callback => sub { $types{ $_[0] } },
);
sub place {
    my ($country, $region, $city) = @_;
    return {
        country => { iso_code => $country, names => { en => $country } },
        subdivisions => [ { names => { en => $region } } ],
        city => { names => { en => $city } },
    };
}
$tree->insert_network('81.2.69.0/24', place('GB', 'England', 'London'));
$tree->insert_network('89.160.20.0/24', place('SE', 'Östergötland County', 'Linköping'));
$tree->insert_network('216.160.83.0/24', place('US', 'Washington', 'Milton'));
$tree->insert_network('2a02:aa00::/32', place('CH', 'Zurich', 'Zürich'));
# A country without a city, as many real ranges are.
$tree->insert_network('175.16.199.0/24', { country => { iso_code => 'CN', names => { en => 'China' } } });
open my $fh, '>:raw', $ARGV[0] or die "cannot write $ARGV[0]: $!";
$tree->write_tree($fh);
close $fh;
